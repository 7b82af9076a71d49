namespace Scheduling.Application.Common.Abstractions;

/// <summary>
/// Work that must happen only once the current transaction has committed (enqueueing a job that
/// reads what was just written). The transaction behaviour runs it after commit and drops it on
/// rollback; outside a command it runs after the next successful SaveChanges by its caller.
/// </summary>
public interface IPostCommitActions
{
    void Add(Func<CancellationToken, Task> action);

    Task RunAsync(CancellationToken cancellationToken);

    void Clear();
}
