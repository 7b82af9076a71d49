using System.Net;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Domain.Accounts;
using Scheduling.Infrastructure.Identity;
using Scheduling.TestSupport.Databases;

namespace Scheduling.TestSupport.Contracts;

/// <summary>
/// The sign-in throttle's limits hold when guesses arrive at the same moment on two instances of one
/// database: attempts are written before they are counted, so the k-th to commit sees at least k rows.
/// A burst may also be refused whole (each attempt counted the others' rows before the refused ones
/// removed theirs): that is safe, and it costs the client nothing afterwards, since a refused attempt
/// leaves no row. So the bound is "at most", and the next attempt is checked unless the limit is used up.
/// </summary>
public abstract class SignInThrottleContract(DatabaseFixture fixture) : AppContract(fixture)
{
    [Fact]
    public async Task TwentyGuessesAtOnce_FromOneAddress_OnTwoInstances_AtMostFiveMayCheckThePassword()
    {
        await using var other = await TestApp.StartAsync(Fixture.Database, TestContext.Current.CancellationToken);
        var email = $"race-{Guid.NewGuid():N}@clinic.test";
        var address = IPAddress.Parse("198.51.100.5");

        var verdicts = await RaceAsync(other, email, Enumerable.Repeat(address, 20).ToList());

        var allowed = verdicts.Count(v => v.MayCheckPassword);
        Assert.InRange(allowed, 0, SignInThrottle.MostFailuresPerClient);
        Assert.All(verdicts.Where(v => !v.MayCheckPassword), v => Assert.Equal(SignInPause.ThisClient, v.Pause));
        Assert.Equal(allowed, await CountedAsync(email));
        Assert.Equal(allowed < SignInThrottle.MostFailuresPerClient, (await AttemptAsync(email, address)).MayCheckPassword);
    }

    [Fact]
    public async Task TheLastGuessesOfTheDay_FromManyAddressesAtOnce_OnTwoInstances_StayWithinTheDailyBound()
    {
        await using var other = await TestApp.StartAsync(Fixture.Database, TestContext.Current.CancellationToken);
        var email = $"botnet-{Guid.NewGuid():N}@clinic.test";
        const int earlier = SignInThrottle.MostFailuresFromNewDevicesPerDay - 5;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var attempts = scope.ServiceProvider.GetRequiredService<SignInAttempts>();
            for (var i = 0; i < earlier; i++)
            {
                var ticket = await attempts.BeginAsync(email, new SignInClient(null, Address(1, i)), TestContext.Current.CancellationToken);
                Assert.True(ticket.Verdict.MayCheckPassword);
            }
        }

        var verdicts = await RaceAsync(other, email, Enumerable.Range(0, 20).Select(i => Address(2, i)).ToList());

        var allowed = verdicts.Count(v => v.MayCheckPassword);
        Assert.InRange(allowed, 0, SignInThrottle.MostFailuresFromNewDevicesPerDay - earlier);
        Assert.All(verdicts.Where(v => !v.MayCheckPassword), v => Assert.Equal(SignInPause.NewDevices, v.Pause));
        Assert.Equal(earlier + allowed, await CountedAsync(email));
        Assert.Equal(earlier + allowed < SignInThrottle.MostFailuresFromNewDevicesPerDay, (await AttemptAsync(email, Address(3, 1))).MayCheckPassword);
    }

    private static IPAddress Address(int network, int host) => IPAddress.Parse($"10.{network}.{host / 250}.{(host % 250) + 1}");

    /// <summary>One attempt per address, half on each instance, released together.</summary>
    private async Task<SignInVerdict[]> RaceAsync(TestApp other, string email, IReadOnlyList<IPAddress> addresses)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = addresses.Select((address, i) => Task.Run(async () =>
        {
            await using var scope = (i % 2 == 0 ? App : other).Services.CreateAsyncScope();
            var attempts = scope.ServiceProvider.GetRequiredService<SignInAttempts>();
            await go.Task;
            return (await attempts.BeginAsync(email, new SignInClient(null, address), TestContext.Current.CancellationToken)).Verdict;
        })).ToList();
        go.SetResult();
        return await Task.WhenAll(racers);
    }

    /// <summary>One more attempt, alone, after the race.</summary>
    private async Task<SignInVerdict> AttemptAsync(string email, IPAddress address)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var attempts = scope.ServiceProvider.GetRequiredService<SignInAttempts>();
        return (await attempts.BeginAsync(email, new SignInClient(null, address), TestContext.Current.CancellationToken)).Verdict;
    }

    private Task<int> CountedAsync(string email)
    {
        var key = SignInAttempts.EmailKey(email);
        return App.WithDbAsync(db => db.SignInAttempts.CountAsync(a => a.EmailKey == key));
    }
}
