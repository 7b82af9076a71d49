using System.Net;

using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common.Security;
using Scheduling.Infrastructure.Persistence;
using Scheduling.TestSupport.Databases;
using Scheduling.WebTests.Account;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Production;

/// <summary>
/// On SQLite every write of the app waits its turn at the one write gate, sign-in and sessions
/// included, without the code that writes having to ask for it. SQLite itself reports each row a
/// connection writes (its update hook), and the gate counts a row written while no turn was held.
/// The app here is its own, so nothing another test does is counted.
/// </summary>
public sealed class SqliteWritePathTests
{
    [Fact]
    public async Task SigningInAndOut_AFailedSignIn_AuditedPagesAndEndingASession_WriteOnlyInsideTheWriteTurn()
    {
        await using var database = SqliteTestDatabase.Create();
        await using var factory = await WebApp.StartAsync(database);
        var gate = factory.Services.GetRequiredService<SqliteWriteGate>();
        var user = await WebApp.CreateUserAsync(factory, Roles.Scheduler);
        var turnsBefore = gate.TurnsTaken;

        using (var stranger = WebApp.CreateClient(factory))
        {
            var refused = await stranger.LoginAsync(user.Email, "not-the-password-1!");
            Assert.Equal("/account/login", refused.Url.AbsolutePath);
        }

        using var laptop = WebApp.CreateClient(factory);
        await SessionCookies.SignInAsync(laptop, user);
        using var browser = WebApp.CreateClient(factory);
        await browser.LoginAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/scheduling/queue")).Status);
        var sessions = await browser.GetAsync("/account/sessions");
        var other = sessions.Document.QuerySelectorAll("tr[data-session-id]").Single(r => !r.TextContent.Contains("This session", StringComparison.Ordinal));
        var ended = await browser.SubmitAsync(sessions, sessions.FormPostingTo($"/account/sessions/{other.GetAttribute("data-session-id")}/end"), new Dictionary<string, string>());
        Assert.Equal("/account/sessions", ended.Url.AbsolutePath);
        await SessionCookies.SignOutAsync(browser);

        Assert.True(gate.WritesOutsideTurn == 0, $"{gate.WritesOutsideTurn} rows written outside a turn, the last in {gate.LastTableWrittenOutsideTurn}.");
        Assert.True(gate.TurnsTaken - turnsBefore >= 5, $"Only {gate.TurnsTaken - turnsBefore} write turns for three sign-ins, a session ended and a sign-out.");
    }
}
