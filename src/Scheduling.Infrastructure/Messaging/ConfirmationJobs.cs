using Hangfire;

using Mediator;

using Scheduling.Application.Features.Confirmation;

namespace Scheduling.Infrastructure.Messaging;

/// <summary>Recurring job that puts unconfirmed bookings on the schedulers' "needs attention" list.</summary>
public sealed class ConfirmationJobs(IMediator mediator)
{
    public const string EscalationJobId = "confirmation-escalation";

    /// <summary>Every 15 minutes: an escalation is due at most a quarter of an hour late.</summary>
    public const string EscalationCron = "*/15 * * * *";

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task Escalate(CancellationToken cancellationToken) =>
        await mediator.Send(new EscalateUnconfirmedBookings.Command(), cancellationToken);
}
