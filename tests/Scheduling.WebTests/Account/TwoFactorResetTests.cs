using System.Net;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Accounts;
using Scheduling.TestSupport;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Account;

/// <summary>
/// A lost phone in Production (admins and, here, schedulers must use two-factor): an administrator who
/// proves their own second factor resets the person's two-factor with a reason; the person's open
/// session ends and their next sign-in asks them to set two-factor up again, with a new key.
/// </summary>
public sealed class TwoFactorResetTests(ProductionApp production) : IClassFixture<ProductionApp>
{
    [Fact]
    public async Task Admin_ResetsALostTwoFactor_WithAReasonAndTheirOwnCode_TheSessionEnds_AndThePersonEnrolsAgain()
    {
        var admin = await WebApp.CreateUserAsync(production.Factory, Roles.Admin);
        var scheduler = await WebApp.CreateUserAsync(production.Factory, Roles.Scheduler);
        using var adminBrowser = WebApp.CreateClient(production.Factory);
        await adminBrowser.LoginAsync(admin);
        var adminKey = (await TwoFactorPages.EnrolAsync(adminBrowser)).Key;
        using var schedulerBrowser = WebApp.CreateClient(production.Factory);
        await schedulerBrowser.LoginAsync(scheduler);
        var oldKey = (await TwoFactorPages.EnrolAsync(schedulerBrowser)).Key;
        Assert.Equal(HttpStatusCode.OK, (await schedulerBrowser.GetAsync("/", followRedirects: false)).Status);

        var account = await adminBrowser.GetAsync($"/admin/users/{scheduler.Id}");
        PageRules.AssertEveryInputIsLabelled(account);
        var form = account.FormWithField("Reset.Reason");

        // Without a reason, and with a code that is not the admin's: refused beside each field, nothing reset.
        var refused = await adminBrowser.SubmitAsync(account, form, new Dictionary<string, string>
        {
            ["Reset.Reason"] = " ",
            ["Reset.YourCode"] = TwoFactorPages.WrongCode(adminKey),
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.StartsWith("Say why", refused.FieldMessage("Reset.Reason"), StringComparison.Ordinal);
        var wrongCode = await adminBrowser.SubmitAsync(refused, refused.FormWithField("Reset.Reason"), new Dictionary<string, string>
        {
            ["Reset.Reason"] = "Lost phone and codes; identity checked at the desk",
            ["Reset.YourCode"] = TwoFactorPages.WrongCode(adminKey),
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongCode.Status);
        Assert.Equal(ResetTwoFactor.WrongCodeMessage, wrongCode.FieldMessage("Reset.YourCode"));
        Assert.Equal("Lost phone and codes; identity checked at the desk", wrongCode.Document.QuerySelector("[name='Reset.Reason']")!.TextContent.Trim());
        Assert.Equal("", wrongCode.Document.QuerySelector("[name='Reset.YourCode']")!.GetAttribute("value") ?? "");
        Assert.Equal(HttpStatusCode.OK, (await schedulerBrowser.GetAsync("/", followRedirects: false)).Status);

        var done = await adminBrowser.SubmitAsync(wrongCode, wrongCode.FormWithField("Reset.Reason"), new Dictionary<string, string>
        {
            ["Reset.Reason"] = "Lost phone and codes; identity checked at the desk",
            ["Reset.YourCode"] = Totp.Next(adminKey),
        });

        Assert.Equal(HttpStatusCode.OK, done.Status);
        Assert.Contains("Two-factor reset", done.Document.QuerySelector("[role='status']")!.TextContent, StringComparison.Ordinal);
        Assert.Null(done.Document.QuerySelector("[name='Reset.Reason']"));
        var audit = await WebApp.WithDbAsync(production.Factory, db => db.AuditEntries.SingleAsync(a => a.Action == "TwoFactorReset" && a.EntityId == scheduler.Id));
        Assert.Equal(admin.Email, audit.UserName);
        Assert.Contains("Reason: Lost phone and codes; identity checked at the desk", audit.Details, StringComparison.Ordinal);

        // The person's open session has ended; signing in asks for no code but a new set-up, with a new key.
        var after = await schedulerBrowser.GetAsync("/", followRedirects: false);
        Assert.Equal(HttpStatusCode.Found, after.Status);
        Assert.Equal("/account/login", new Uri(after.Url, after.Response.Headers.Location!).AbsolutePath);
        using var again = WebApp.CreateClient(production.Factory);
        var enrolPage = await again.LoginAsync(scheduler);
        Assert.Equal(TwoFactorPages.EnrolPath, enrolPage.Url.AbsolutePath);
        // The reset already made the new key (as turning two-factor off does), so the page shows it at once.
        var enrolment = await TwoFactorPages.EnrolAsync(again, enrolPage);
        Assert.NotEqual(oldKey, enrolment.Key);
        Assert.Equal(10, enrolment.RecoveryCodes.Count);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/", followRedirects: false)).Status);
    }

    [Fact]
    public async Task AnAdmin_CannotResetTheirOwnTwoFactorThere()
    {
        var admin = await WebApp.CreateUserAsync(production.Factory, Roles.Admin);
        using var adminBrowser = WebApp.CreateClient(production.Factory);
        await adminBrowser.LoginAsync(admin);
        var adminKey = (await TwoFactorPages.EnrolAsync(adminBrowser)).Key;

        var own = await adminBrowser.GetAsync($"/admin/users/{admin.Id}");
        var refused = await adminBrowser.SubmitAsync(own, own.FormWithField("Reset.Reason"), new Dictionary<string, string>
        {
            ["Reset.Reason"] = "Testing",
            ["Reset.YourCode"] = Totp.Next(adminKey),
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal(ResetTwoFactor.OwnAccountMessage, refused.FieldMessage("Reset.YourCode"));
        Assert.False(await WebApp.WithDbAsync(production.Factory, db => db.AuditEntries.AnyAsync(a => a.Action == "TwoFactorReset" && a.EntityId == admin.Id)));
        Assert.True(await WebApp.WithDbAsync(production.Factory, db => db.Users.Where(u => u.Id == admin.Id).Select(u => u.TwoFactorEnabled).SingleAsync()));
    }
}
