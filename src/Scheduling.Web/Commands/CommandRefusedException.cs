namespace Scheduling.Web.Commands;

/// <summary>
/// A command that will not do what it was asked, for a reason the operator can act on (a seed into a
/// database with data, an argument it does not know). <see cref="CommandDispatcher"/> prints the
/// message as one line and exits with code 1.
/// </summary>
public sealed class CommandRefusedException(string message) : Exception(message);
