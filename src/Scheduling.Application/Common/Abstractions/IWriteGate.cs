namespace Scheduling.Application.Common.Abstractions;

/// <summary>
/// Where the database takes one writer at a time (SQLite), writers of this process wait their turn
/// here, first come first served, and start the moment the one before them commits. Without it they
/// wait inside SQLite's busy handler, which sleeps up to 100 ms between attempts, so sixteen
/// schedulers booking at once would spend most of their time asleep. On SQL Server and PostgreSQL,
/// which take many writers, entering is free. Hold it only around one transaction and never while
/// waiting on something that needs it (a command never waits on another command or an audited view).
/// </summary>
public interface IWriteGate
{
    ValueTask<IAsyncDisposable> EnterAsync(CancellationToken cancellationToken);
}
