namespace Scheduling.Application.Common.Abstractions;

/// <summary>Enqueues background work by id only: job arguments never carry patient data.</summary>
public interface IBackgroundJobs
{
    void EnqueueOutboxDispatch(Guid outboxMessageId);

    /// <summary>Looks a "forgot password" address up and sends a link if it has an account (Features/Accounts/HandlePasswordResetRequests).</summary>
    void EnqueuePasswordResetRequest(Guid requestId);
}
