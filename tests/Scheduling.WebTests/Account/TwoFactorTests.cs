using System.Net;

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common.Security;
using Scheduling.Infrastructure.Identity;
using Scheduling.TestSupport;
using Scheduling.WebTests.Infrastructure;

using static Scheduling.WebTests.Account.TwoFactorPages;

namespace Scheduling.WebTests.Account;

public sealed class TwoFactorTests(WebApp app)
{
    [Fact]
    public async Task SettingUpTwoFactor_WithACodeComputedFromTheShownKey_TurnsItOn_AndShowsTenRecoveryCodesOnce()
    {
        var user = await app.CreateUserAsync(Roles.Scheduler);
        using var browser = app.CreateClient();
        await browser.LoginAsync(user);

        var withKey = await TwoFactorPages.StartAsync(browser);
        PageRules.AssertEveryInputIsLabelled(withKey);
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", TwoFactorPages.SharedKey(withKey));
        var enrolment = await TwoFactorPages.EnrolAsync(browser, withKey);

        Assert.Equal(HttpStatusCode.OK, enrolment.CodesPage.Status);
        Assert.Equal(10, enrolment.RecoveryCodes.Distinct().Count());
        Assert.Contains("no-store", enrolment.CodesPage.Response.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
        var status = await browser.GetAsync("/account/two-factor");
        Assert.Equal("10", status.Document.QuerySelector("[data-testid='recovery-codes-left']")?.TextContent);
        Assert.All(enrolment.RecoveryCodes, code => Assert.DoesNotContain(code, status.Body, StringComparison.Ordinal));
        Assert.True(await TwoFactorEnabledAsync(user));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "TwoFactorEnabled" && a.Details!.Contains(user.Email))));
    }

    [Fact]
    public async Task TheQrCode_WhileSettingUp_IsAPngServedByThisApp_AndIsGoneOnceTwoFactorIsOn()
    {
        var user = await app.CreateUserAsync(Roles.Radiologist);
        using var browser = app.CreateClient();
        await browser.LoginAsync(user);

        var withKey = await TwoFactorPages.StartAsync(browser);
        var src = withKey.Document.QuerySelector("img[alt*='QR']")?.GetAttribute("src");
        Assert.Equal("/account/two-factor/qr", src);
        var qr = await browser.Http.GetAsync(src, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, qr.StatusCode);
        Assert.Equal("image/png", qr.Content.Headers.ContentType?.MediaType);
        var png = await qr.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);

        await browser.SubmitAsync(withKey, withKey.FormWithField("Code"), new Dictionary<string, string> { ["Code"] = Totp.Now(TwoFactorPages.SharedKey(withKey)) });
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Http.GetAsync(src, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task SettingUp_WithAWrongCode_ShowsTheMessageNextToTheField_AndLeavesTwoFactorOff()
    {
        var user = await app.CreateUserAsync(Roles.Scheduler);
        using var browser = app.CreateClient();
        await browser.LoginAsync(user);
        var withKey = await TwoFactorPages.StartAsync(browser);

        var page = await browser.SubmitAsync(withKey, withKey.FormWithField("Code"), new Dictionary<string, string>
        {
            ["Code"] = TwoFactorPages.WrongCode(TwoFactorPages.SharedKey(withKey)),
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Contains("does not match", page.FieldMessage("Code"), StringComparison.Ordinal);
        Assert.Equal(TwoFactorPages.SharedKey(withKey), TwoFactorPages.SharedKey(page));
        Assert.False(await TwoFactorEnabledAsync(user));
    }

    [Fact]
    public async Task SignIn_WithTwoFactorOn_AsksForTheCodeAfterThePassword_AndSignsInWithIt()
    {
        var user = await app.CreateUserAsync(Roles.Scheduler);
        var key = await EnrolInOwnBrowserAsync(user);
        using var browser = app.CreateClient();

        var step = await browser.LoginAsync(user);
        Assert.Equal(TwoFactorPages.CodeStepPath, step.Url.AbsolutePath);
        PageRules.AssertEveryInputIsLabelled(step);
        Assert.Equal(HttpStatusCode.Found, (await browser.GetAsync("/scheduling/queue", followRedirects: false)).Status);

        var home = await browser.SubmitAsync(step, step.FormWithField("Code"), new Dictionary<string, string> { ["Code"] = Totp.Next(key) });

        Assert.Equal("/", home.Url.AbsolutePath);
        Assert.Contains(user.Email, home.Document.QuerySelector("nav")?.TextContent ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/scheduling/queue", followRedirects: false)).Status);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a =>
            a.Action == "SignedIn" && a.Details!.Contains(user.Email) && a.Details.Contains("authenticator code"))));
    }

    [Fact]
    public async Task SignIn_WithARecoveryCode_WorksOnce_ThenThatCodeIsRefused()
    {
        var user = await app.CreateUserAsync(Roles.ReferringPhysician);
        using var first = app.CreateClient();
        await first.LoginAsync(user);
        var enrolment = await TwoFactorPages.EnrolAsync(first);
        var code = enrolment.RecoveryCodes[3];

        using var second = app.CreateClient();
        var step = await second.LoginAsync(user);
        var recovery = await second.GetAsync(step.Document.QuerySelector("a[href*='recovery-code']")!.GetAttribute("href")!);
        PageRules.AssertEveryInputIsLabelled(recovery);
        var home = await second.SubmitAsync(recovery, recovery.FormWithField("RecoveryCode"), new Dictionary<string, string> { ["RecoveryCode"] = code });
        Assert.Equal("/", home.Url.AbsolutePath);
        var status = await second.GetAsync("/account/two-factor");
        Assert.Equal("9", status.Document.QuerySelector("[data-testid='recovery-codes-left']")?.TextContent);

        using var third = app.CreateClient();
        await third.LoginAsync(user);
        var again = await third.GetAsync("/account/sign-in/recovery-code");
        var refused = await third.SubmitAsync(again, again.FormWithField("RecoveryCode"), new Dictionary<string, string> { ["RecoveryCode"] = code });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Contains("not valid or has been used", refused.FieldMessage("RecoveryCode"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Found, (await third.GetAsync("/", followRedirects: false)).Status);
    }

    [Fact]
    public async Task ACodeThatWasAlreadyUsed_IsRefused_EvenWhileItIsStillCurrent()
    {
        var user = await app.CreateUserAsync(Roles.Scheduler);
        Enrolment enrolment;
        using (var first = app.CreateClient())
        {
            await first.LoginAsync(user);
            enrolment = await TwoFactorPages.EnrolAsync(first);
        }

        using var browser = app.CreateClient();
        var replayed = await TwoFactorPages.SignInAsync(browser, user, enrolment.CodeUsed);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, replayed.Status);
        Assert.Contains("not valid", replayed.FieldMessage("Code"), StringComparison.Ordinal);
        var home = await browser.SubmitAsync(replayed, replayed.FormWithField("Code"), new Dictionary<string, string> { ["Code"] = Totp.Next(enrolment.Key) });
        Assert.Equal("/", home.Url.AbsolutePath);
    }

    [Fact]
    public async Task FiveWrongCodesAtTheSecondStep_LockTheAccount_SoEvenTheRightCodeIsRefused()
    {
        var user = await app.CreateUserAsync(Roles.Scheduler);
        var key = await EnrolInOwnBrowserAsync(user);
        using var browser = app.CreateClient();
        var step = await browser.LoginAsync(user);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            step = await browser.SubmitAsync(step, step.FormWithField("Code"), new Dictionary<string, string> { ["Code"] = TwoFactorPages.WrongCode(key) });
        }

        var last = await browser.SubmitAsync(step, step.FormWithField("Code"), new Dictionary<string, string> { ["Code"] = Totp.Next(key) });

        Assert.Contains("locked", last.FieldMessage("Code"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Found, (await browser.GetAsync("/", followRedirects: false)).Status);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "SignInLockedOut" && a.Details!.Contains(user.Email))));
    }

    [Fact]
    public async Task TurningTwoFactorOff_NeedsThePassword_ThenThePasswordAloneSignsIn()
    {
        var user = await app.CreateUserAsync(Roles.Radiologist);
        using var browser = app.CreateClient();
        await browser.LoginAsync(user);
        await TwoFactorPages.EnrolAsync(browser);

        var status = await browser.GetAsync("/account/two-factor");
        var wrong = await browser.SubmitAsync(status, status.FormWithField("Disable.Password"), new Dictionary<string, string> { ["Disable.Password"] = "not my password at all" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.Status);
        Assert.Contains("incorrect", wrong.FieldMessage("Disable.Password"), StringComparison.Ordinal);
        Assert.True(await TwoFactorEnabledAsync(user));

        var off = await browser.SubmitAsync(wrong, wrong.FormWithField("Disable.Password"), new Dictionary<string, string> { ["Disable.Password"] = user.Password });
        Assert.Equal("/account/two-factor", off.Url.AbsolutePath);
        Assert.Contains("Two-factor is off.", off.Document.QuerySelector("[role='status']")?.TextContent ?? string.Empty, StringComparison.Ordinal);
        Assert.False(await TwoFactorEnabledAsync(user));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "TwoFactorDisabled" && a.Details!.Contains(user.Email))));

        using var later = app.CreateClient();
        Assert.Equal("/", (await later.LoginAsync(user)).Url.AbsolutePath);
    }

    [Fact]
    public async Task TurningTwoFactorOn_EndsTheUsersOtherSessions_ButNotThisOne()
    {
        var user = await app.CreateUserAsync(Roles.Scheduler);
        using var other = app.CreateClient();
        await other.LoginAsync(user);
        using var browser = app.CreateClient();
        await browser.LoginAsync(user);

        await TwoFactorPages.EnrolAsync(browser);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/scheduling/queue", followRedirects: false)).Status);
        Assert.Equal("/account/login", (await other.GetAsync("/scheduling/queue")).Url.AbsolutePath);
    }

    private async Task<string> EnrolInOwnBrowserAsync(TestUser user)
    {
        using var browser = app.CreateClient();
        await browser.LoginAsync(user);
        return (await TwoFactorPages.EnrolAsync(browser)).Key;
    }

    private async Task<bool> TwoFactorEnabledAsync(TestUser user)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.GetTwoFactorEnabledAsync((await users.FindByEmailAsync(user.Email))!);
    }
}
