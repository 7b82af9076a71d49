using Hangfire;

namespace Scheduling.Infrastructure.Messaging;

/// <summary>
/// Hangfire entry points. Arguments are ids only. Hangfire's own retries are off: the outbox row
/// carries attempts and backoff, so there is one retry mechanism, visible to staff.
/// </summary>
public sealed class OutboxJobs(OutboxDispatcher dispatcher, OutboxSweeper sweeper)
{
    public const string SweepJobId = "outbox-sweep";

    [AutomaticRetry(Attempts = 0)]
    public Task Dispatch(Guid outboxMessageId, CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(outboxMessageId, cancellationToken);

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public Task Sweep(CancellationToken cancellationToken) => sweeper.SweepAsync(cancellationToken);
}

internal sealed class HangfireBackgroundJobs(IBackgroundJobClient client) : Scheduling.Application.Common.Abstractions.IBackgroundJobs
{
    public void EnqueueOutboxDispatch(Guid outboxMessageId) =>
        client.Enqueue<OutboxJobs>(jobs => jobs.Dispatch(outboxMessageId, CancellationToken.None));
}
