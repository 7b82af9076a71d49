namespace Scheduling.Domain.Common;

/// <summary>
/// Thrown when code asks an entity for a transition its rules forbid. Handlers check the rule first and
/// return a result; reaching this exception therefore means a bug, not bad user input.
/// </summary>
public sealed class DomainException(string message) : InvalidOperationException(message);
