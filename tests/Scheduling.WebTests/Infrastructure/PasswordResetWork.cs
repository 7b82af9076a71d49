using Mediator;

using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Features.Accounts;
using Scheduling.TestSupport;

namespace Scheduling.WebTests.Infrastructure;

/// <summary>Runs the "forgot password" jobs the requests queued (Hangfire's part in production), in order.</summary>
public static class PasswordResetWork
{
    public static async Task RunQueuedAsync(SchedulingWebFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var jobs = (RecordingBackgroundJobs)factory.Services.GetRequiredService<IBackgroundJobs>();
        foreach (var id in jobs.DrainPasswordResetRequests())
        {
            await using var scope = factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new HandlePasswordResetRequests.Command(id));
        }
    }
}
