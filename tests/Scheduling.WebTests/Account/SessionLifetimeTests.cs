using System.Net;

using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

using Scheduling.Application.Common.Security;
using Scheduling.Domain.Accounts;
using Scheduling.TestSupport.Databases;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Account;

/// <summary>
/// An app of its own whose clock the tests move (default settings: 20 minutes idle, 8 hours absolute),
/// and whose requests can come from any address (a test header plays the peer).
/// </summary>
public sealed class ClockedApp : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public SchedulingWebFactory Factory { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Factory = await WebApp.StartAsync(SqliteTestDatabase.Create(), builder =>
        {
            PeerAddress.Install(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        });

    /// <summary>A browser of its own (cookies and all) whose requests come from <paramref name="address"/>.</summary>
    public BrowserClient Browser(string address)
    {
        var browser = WebApp.CreateClient(Factory);
        PeerAddress.From(browser, address);
        return browser;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Factory.Database.DisposeAsync();
    }
}

public sealed class SessionLifetimeTests(ClockedApp app) : IClassFixture<ClockedApp>
{
    [Fact]
    public async Task ASessionLeftAloneForLongerThanTheIdleTimeout_Ends_WhileOneInUseSlidesOn()
    {
        var user = await WebApp.CreateUserAsync(app.Factory, Roles.Scheduler);
        using var browser = WebApp.CreateClient(app.Factory);
        await browser.LoginAsync(user);

        for (var i = 0; i < 3; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(15));
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/scheduling/queue", followRedirects: false)).Status);
        }

        app.Clock.Advance(TimeSpan.FromMinutes(21));
        Assert.Equal("/account/login", (await browser.GetAsync("/scheduling/queue")).Url.AbsolutePath);
        Assert.Equal(SessionEndReasons.IdleTimeout, (await SessionOfAsync(user)).EndReason);
    }

    [Fact]
    public async Task TheAbsoluteLifetime_EndsASessionAfterEightHours_HoweverActiveItIs()
    {
        var user = await WebApp.CreateUserAsync(app.Factory, Roles.Radiologist);
        using var browser = WebApp.CreateClient(app.Factory);
        await browser.LoginAsync(user);
        var signedInAt = app.Clock.GetUtcNow();

        while (app.Clock.GetUtcNow() - signedInAt < TimeSpan.FromHours(8) - TimeSpan.FromMinutes(15))
        {
            app.Clock.Advance(TimeSpan.FromMinutes(15));
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/review", followRedirects: false)).Status);
        }

        app.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal("/account/login", (await browser.GetAsync("/review")).Url.AbsolutePath);
        Assert.Equal(SessionEndReasons.LifetimeReached, (await SessionOfAsync(user)).EndReason);
    }

    [Fact]
    public async Task LastActive_IsWrittenAtMostOnceAMinute()
    {
        var user = await WebApp.CreateUserAsync(app.Factory, Roles.Scheduler);
        using var browser = WebApp.CreateClient(app.Factory);
        await browser.LoginAsync(user);
        var first = (await SessionOfAsync(user)).LastSeenAtUtc;

        app.Clock.Advance(TimeSpan.FromSeconds(30));
        await browser.GetAsync("/scheduling/queue");
        Assert.Equal(first, (await SessionOfAsync(user)).LastSeenAtUtc);

        app.Clock.Advance(TimeSpan.FromSeconds(31));
        await browser.GetAsync("/scheduling/queue");
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, (await SessionOfAsync(user)).LastSeenAtUtc, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task ThePurgeJob_DeletesASessionRowOnlyAMonthAfterItExpired()
    {
        var user = await WebApp.CreateUserAsync(app.Factory, Roles.Scheduler);
        using var browser = WebApp.CreateClient(app.Factory);
        await browser.LoginAsync(user);
        var id = (await SessionOfAsync(user)).Id;

        app.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromDays(29));
        await PurgeAsync();
        Assert.True(await ExistsAsync(id));

        app.Clock.Advance(TimeSpan.FromDays(2));
        await PurgeAsync();
        Assert.False(await ExistsAsync(id));
    }

    private async Task PurgeAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Scheduling.Infrastructure.Identity.SessionJobs>().Purge(TestContext.Current.CancellationToken);
    }

    private async Task<bool> ExistsAsync(Guid id)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Scheduling.Infrastructure.Persistence.ApplicationDbContext>();
        return await db.UserSessions.AnyAsync(s => s.Id == id, TestContext.Current.CancellationToken);
    }

    private async Task<UserSession> SessionOfAsync(TestUser user)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Scheduling.Infrastructure.Persistence.ApplicationDbContext>();
        return await db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == db.Users.Single(u => u.Email == user.Email).Id)
            .OrderByDescending(s => s.CreatedAtUtc)
            .FirstAsync(TestContext.Current.CancellationToken);
    }
}
