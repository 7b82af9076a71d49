using Hangfire;

using Mediator;

using Scheduling.Application.Features.Messaging;

namespace Scheduling.Infrastructure.Messaging;

/// <summary>
/// Hangfire entry points of the outbox, written like the other recurring jobs: ids only as arguments,
/// Hangfire's own retries off (the outbox row carries attempts and backoff, so there is one retry
/// mechanism, visible to staff). The sweep is a use case sent through the mediator; sending one
/// message is the dispatcher's, which commits each of its steps itself (claim, link, outcome), since
/// an email that left cannot be rolled back with a transaction.
/// </summary>
public sealed class OutboxJobs(IMediator mediator, OutboxDispatcher dispatcher)
{
    public const string SweepJobId = SweepOutbox.RecurringJobId;

    [AutomaticRetry(Attempts = 0)]
    public Task Dispatch(Guid outboxMessageId, CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(outboxMessageId, cancellationToken);

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task Sweep(CancellationToken cancellationToken) =>
        await mediator.Send(new SweepOutbox.Command(), cancellationToken);
}

internal sealed class HangfireBackgroundJobs(IBackgroundJobClient client) : Scheduling.Application.Common.Abstractions.IBackgroundJobs
{
    public void EnqueueOutboxDispatch(Guid outboxMessageId) =>
        client.Enqueue<OutboxJobs>(jobs => jobs.Dispatch(outboxMessageId, CancellationToken.None));

    public void EnqueuePasswordResetRequest(Guid requestId) =>
        client.Enqueue<Identity.AccountJobs>(jobs => jobs.HandlePasswordResetRequest(requestId, CancellationToken.None));
}
