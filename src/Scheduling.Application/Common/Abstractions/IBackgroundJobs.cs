namespace Scheduling.Application.Common.Abstractions;

/// <summary>Enqueues background work by id only: job arguments never carry patient data.</summary>
public interface IBackgroundJobs
{
    void EnqueueOutboxDispatch(Guid outboxMessageId);
}
