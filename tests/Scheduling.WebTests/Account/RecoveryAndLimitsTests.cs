using System.Net;
using System.Text.RegularExpressions;

using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Security;
using Scheduling.Web.Commands;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Account;

public sealed partial class RecoveryAndLimitsTests(WebApp app)
{
    [Fact]
    public async Task CreateAdminCommand_PrintsAOneTimeLink_ThatLetsANewAdministratorChooseAPasswordAndSignIn()
    {
        var email = $"rescue-{Guid.NewGuid():N}@clinic.test";
        using var output = new StringWriter();

        var exitCode = await CreateAdminCommand.RunAsync(app.Factory.Services, [CreateAdminCommand.Name, "--email", email], output);

        Assert.Equal(0, exitCode);
        var link = new Uri(LinkPattern().Match(output.ToString()).Value).AbsolutePath;
        using var browser = app.CreateClient();
        var page = await browser.GetAsync(link);
        await browser.SubmitAsync(page, page.FormWithField("Password"), new Dictionary<string, string>
        {
            ["Password"] = AccountAdminTests.NewPassword,
            ["ConfirmPassword"] = AccountAdminTests.NewPassword,
        });
        var start = await browser.LoginAsync(email, AccountAdminTests.NewPassword);
        Assert.Equal("/", start.Url.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/users")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(link)).Status);
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "RecoveryAdminLinkIssued" && a.EntityId == id)));
    }

    [Fact]
    public async Task CreateAdminCommand_ForALockedOutAdministrator_UnlocksItAndSendsNothingByEmail()
    {
        var admin = await app.CreateUserAsync(Roles.Admin);
        using (var guesser = app.CreateClient())
        {
            for (var attempt = 1; attempt <= 5; attempt++)
            {
                await guesser.LoginAsync(admin.Email, $"wrong password {attempt}");
            }
        }

        // Wrong passwords pause the client that sent them (every client of this test server shares one
        // address); a lock comes from wrong codes at the second step, counted here as Identity counts them.
        await AccountLocks.FailSecondStepFiveTimesAsync(app.Factory, admin.Email);

        using var output = new StringWriter();
        Assert.Equal(0, await CreateAdminCommand.RunAsync(app.Factory.Services, [CreateAdminCommand.Name, "--email", admin.Email], output));

        Assert.Equal("/", (await app.CreateClient().LoginAsync(admin)).Url.AbsolutePath);
        Assert.Empty(await AccountMail.SendQueuedAsync(app, admin.Email));
    }

    [Fact]
    public async Task CreateAdminCommand_ForAnAdministratorWhoLostTheirPhone_TurnsTwoFactorOff_SoTheyCanSignInAndSetItUpAgain()
    {
        var admin = await app.CreateUserAsync(Roles.Admin);
        using (var before = app.CreateClient())
        {
            await before.LoginAsync(admin);
            await TwoFactorPages.EnrolAsync(before);
        }

        using var output = new StringWriter();
        Assert.Equal(0, await CreateAdminCommand.RunAsync(app.Factory.Services, [CreateAdminCommand.Name, "--email", admin.Email], output));

        Assert.Equal("/", (await app.CreateClient().LoginAsync(admin)).Url.AbsolutePath);
        Assert.False(await app.WithDbAsync(db => db.Users.Where(u => u.Id == admin.Id).Select(u => u.TwoFactorEnabled).SingleAsync()));
        Assert.Contains("two-factor reset", await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "RecoveryAdminLinkIssued" && a.EntityId == admin.Id).Select(a => a.Details).SingleAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestAccess_BeyondTheLimitPerMinute_IsAnswered429()
    {
        await using var limited = app.Factory.WithWebHostBuilder(b => b.UseSetting("RateLimits:AccountRequestsPerMinute", "2"));
        using var browser = new BrowserClient(limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost") }));
        var form = await browser.GetAsync("/account/request-access");
        var fields = new Dictionary<string, string> { ["FullName"] = "Dr. Hammer" };

        var first = await browser.SubmitAsync(form, form.FormWithField("Npi"), fields);
        var second = await browser.SubmitAsync(form, form.FormWithField("Npi"), fields);
        var third = await browser.SubmitAsync(form, form.FormWithField("Npi"), fields);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, first.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.Status);
    }

    [GeneratedRegex(@"https?://\S+/account/link/[A-Za-z0-9_\-]+")]
    private static partial Regex LinkPattern();
}
