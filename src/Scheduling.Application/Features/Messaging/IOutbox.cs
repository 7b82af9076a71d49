namespace Scheduling.Application.Features.Messaging;

/// <summary>
/// Queues an email as a row in the current unit of work. Nothing is sent before the transaction
/// commits; after commit a job is enqueued, and a sweeper catches any row whose job was lost.
/// </summary>
public interface IOutbox
{
    /// <returns>The outbox row's id.</returns>
    Guid Enqueue(string kind, Guid subjectId, int subjectVersion, DateTime? notBeforeUtc = null);
}
