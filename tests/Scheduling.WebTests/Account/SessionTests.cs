using System.Net;

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common.Security;
using Scheduling.Domain.Accounts;
using Scheduling.Infrastructure.Identity;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Account;

public sealed class SessionTests(WebApp app)
{
    [Fact]
    public async Task AfterSignOut_TheOldCookieReplayedFromAnotherClient_GetsTheSignInPage()
    {
        var user = await app.CreateUserAsync(Roles.Scheduler);
        using var browser = app.CreateClient();
        var cookie = await SessionCookies.SignInAsync(browser, user);
        Assert.Equal((HttpStatusCode.OK, null), await SessionCookies.ReplayAsync(app.Factory, cookie, "/scheduling/queue"));

        var signedOut = await SessionCookies.SignOutAsync(browser);

        Assert.Equal("/account/login", signedOut.Url.AbsolutePath);
        Assert.Equal((HttpStatusCode.Found, "/account/login"), await SessionCookies.ReplayAsync(app.Factory, cookie, "/scheduling/queue"));
        var session = await SessionOfAsync(user);
        Assert.Equal(SessionEndReasons.SignedOut, session.EndReason);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "SessionEnded" && a.EntityId == session.Id.ToString())));
    }

    [Fact]
    public async Task TheSessionsPage_ListsTheUsersOwnSessions_InClinicTime_AndMarksThisOne()
    {
        var user = await app.CreateUserAsync(Roles.Radiologist);
        var stranger = await app.CreateUserAsync(Roles.Radiologist);
        using var other = app.CreateClient();
        await other.LoginAsync(user);
        using var strangers = app.CreateClient();
        await strangers.LoginAsync(stranger);
        using var browser = app.CreateClient();
        await browser.LoginAsync(user);

        var page = await browser.GetAsync("/account/sessions");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var rows = page.Document.QuerySelectorAll("tr[data-session-id]");
        Assert.Equal(2, rows.Length);
        Assert.Single(rows, r => r.TextContent.Contains("This session", StringComparison.Ordinal));
        var zone = Scheduling.Application.Common.Clinic.ClinicTimeLabel.For(
            app.Factory.Services.GetRequiredService<Scheduling.Domain.Common.ClinicTime>(), DateTime.UtcNow);
        Assert.All(rows, r => Assert.Contains(zone, r.TextContent, StringComparison.Ordinal));
        var ids = await app.WithDbAsync(db => db.UserSessions.Where(s => s.UserId == db.Users.Single(u => u.Email == stranger.Email).Id).Select(s => s.Id).ToListAsync());
        Assert.DoesNotContain(rows, r => ids.Contains(Guid.Parse(r.GetAttribute("data-session-id")!)));
    }

    [Fact]
    public async Task EndingAnotherSession_FromTheSessionsPage_MakesItsCookieWorthless_AndKeepsThisOne()
    {
        var user = await app.CreateUserAsync(Roles.ReferringPhysician);
        using var laptop = app.CreateClient();
        var laptopCookie = await SessionCookies.SignInAsync(laptop, user);
        using var browser = app.CreateClient();
        await browser.LoginAsync(user);

        var page = await browser.GetAsync("/account/sessions");
        var otherRow = page.Document.QuerySelectorAll("tr[data-session-id]").Single(r => !r.TextContent.Contains("This session", StringComparison.Ordinal));
        var otherId = otherRow.GetAttribute("data-session-id")!;
        var after = await browser.SubmitAsync(page, page.FormPostingTo($"/account/sessions/{otherId}/end"), new Dictionary<string, string>());

        Assert.Equal("/account/sessions", after.Url.AbsolutePath);
        Assert.Single(after.Document.QuerySelectorAll("tr[data-session-id]"));
        Assert.Equal((HttpStatusCode.Found, "/account/login"), await SessionCookies.ReplayAsync(app.Factory, laptopCookie, "/referrals"));
        Assert.Equal("/account/login", (await laptop.GetAsync("/referrals")).Url.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/referrals", followRedirects: false)).Status);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "SessionEnded" && a.EntityId == otherId)));
    }

    [Fact]
    public async Task EndAllOtherSessions_EndsEveryOtherBrowser()
    {
        var user = await app.CreateUserAsync(Roles.Scheduler);
        using var one = app.CreateClient();
        var first = await SessionCookies.SignInAsync(one, user);
        using var two = app.CreateClient();
        var second = await SessionCookies.SignInAsync(two, user);
        using var browser = app.CreateClient();
        await browser.LoginAsync(user);

        var page = await browser.GetAsync("/account/sessions");
        var after = await browser.SubmitAsync(page, page.FormPostingTo("/account/sessions/end-others"), new Dictionary<string, string>());

        Assert.Contains("2 other sessions", after.Document.QuerySelector("[role='status']")?.TextContent ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Found, (await SessionCookies.ReplayAsync(app.Factory, first, "/")).Status);
        Assert.Equal(HttpStatusCode.Found, (await SessionCookies.ReplayAsync(app.Factory, second, "/")).Status);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/", followRedirects: false)).Status);
    }

    [Fact]
    public async Task EndingASessionOfAnotherUser_IsNotFound_AndLeavesItWorking()
    {
        var victim = await app.CreateUserAsync(Roles.Scheduler);
        using var victimBrowser = app.CreateClient();
        var victimCookie = await SessionCookies.SignInAsync(victimBrowser, victim);
        var victimSession = await SessionOfAsync(victim);
        var attacker = await app.CreateUserAsync(Roles.Scheduler);
        using var browser = app.CreateClient();
        await browser.LoginAsync(attacker);
        var page = await browser.GetAsync("/account/sessions");
        var token = page.Document.QuerySelector("[name='__RequestVerificationToken']")!.GetAttribute("value")!;

        var response = await browser.PostWithoutFormAsync($"/account/sessions/{victimSession.Id}/end", new Dictionary<string, string> { ["__RequestVerificationToken"] = token });

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal((HttpStatusCode.OK, null), await SessionCookies.ReplayAsync(app.Factory, victimCookie, "/"));
    }

    [Fact]
    public async Task ADeactivatedUsersOpenSession_IsRefusedAtTheNextRequest()
    {
        var user = await app.CreateUserAsync(Roles.Scheduler);
        using var browser = app.CreateClient();
        await browser.LoginAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/scheduling/queue", followRedirects: false)).Status);

        // What deactivation does (the admin page sets the column and changes the stamp); the column
        // alone must already be enough.
        await app.WithDbAsync(db => db.Users.Where(u => u.Email == user.Email)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.DeactivatedAtUtc, DateTime.UtcNow), TestContext.Current.CancellationToken));

        var page = await browser.GetAsync("/scheduling/queue");
        Assert.Equal("/account/login", page.Url.AbsolutePath);
        Assert.Equal(SessionEndReasons.UserDeactivated, (await SessionOfAsync(user)).EndReason);
    }

    [Fact]
    public async Task AChangedSecurityStamp_EndsTheOpenSession()
    {
        var user = await app.CreateUserAsync(Roles.Radiologist);
        using var browser = app.CreateClient();
        var cookie = await SessionCookies.SignInAsync(browser, user);

        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByEmailAsync(user.Email))!);
        }

        Assert.Equal((HttpStatusCode.Found, "/account/login"), await SessionCookies.ReplayAsync(app.Factory, cookie, "/review"));
        Assert.Equal(SessionEndReasons.SecurityStampChanged, (await SessionOfAsync(user)).EndReason);
    }

    [Fact]
    public async Task SigningInAsSomeoneElse_InABrowserWithALiveSession_NeverHandsTheOldCookieTheNewAccount()
    {
        var doctor = await app.CreateUserAsync(Roles.ReferringPhysician);
        var admin = await app.CreateUserAsync(Roles.Admin);
        using var browser = app.CreateClient();
        var doctorCookie = await SessionCookies.SignInAsync(browser, doctor);

        await browser.LoginAsync(admin);

        Assert.NotEqual(HttpStatusCode.OK, (await SessionCookies.ReplayAsync(app.Factory, doctorCookie, "/admin/rooms")).Status);
        Assert.Equal("/account/login", (await SessionCookies.ReplayAsync(app.Factory, doctorCookie, "/")).Location);
    }

    [Fact]
    public async Task TheDatabaseHoldsOnlyAHashOfTheSessionKey()
    {
        var user = await app.CreateUserAsync(Roles.Scheduler);
        using var browser = app.CreateClient();
        await browser.LoginAsync(user);

        var session = await SessionOfAsync(user);

        Assert.Equal(UserSession.KeyHashLength, session.KeyHash.Length);
        Assert.Null(session.EndedAtUtc);
        Assert.Equal(session.CreatedAtUtc.AddHours(8), session.ExpiresAtUtc);
    }

    private Task<UserSession> SessionOfAsync(TestUser user) =>
        app.WithDbAsync(db => db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == db.Users.Single(u => u.Email == user.Email).Id)
            .OrderByDescending(s => s.CreatedAtUtc)
            .FirstAsync());
}
