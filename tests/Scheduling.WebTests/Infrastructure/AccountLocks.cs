using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Infrastructure.Identity;

namespace Scheduling.WebTests.Infrastructure;

public static class AccountLocks
{
    /// <summary>Five wrong second-step codes, counted through Identity as TwoFactorSignInController counts them: the account locks.</summary>
    public static async Task FailSecondStepFiveTimesAsync(SchedulingWebFactory factory, string email)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException("No such account.");
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await users.AccessFailedAsync(user);
        }

        Assert.True(await users.IsLockedOutAsync(user));
    }
}
