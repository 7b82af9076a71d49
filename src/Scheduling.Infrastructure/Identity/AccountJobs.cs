using Hangfire;

using Mediator;

using Scheduling.Application.Features.Accounts;

namespace Scheduling.Infrastructure.Identity;

/// <summary>Hangfire entry points of "forgot password": one request by its id, and the minute's sweep of any left waiting.</summary>
public sealed class AccountJobs(IMediator mediator)
{
    public const string SweepJobId = HandlePasswordResetRequests.SweepJobId;

    [AutomaticRetry(Attempts = 3)]
    public async Task HandlePasswordResetRequest(Guid requestId, CancellationToken cancellationToken) =>
        await mediator.Send(new HandlePasswordResetRequests.Command(requestId), cancellationToken);

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task SweepPasswordResetRequests(CancellationToken cancellationToken) =>
        await mediator.Send(new HandlePasswordResetRequests.Command(null), cancellationToken);
}
