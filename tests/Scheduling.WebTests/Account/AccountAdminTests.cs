using System.Net;

using AngleSharp.Dom;

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common.Security;
using Scheduling.Domain.Accounts;
using Scheduling.Infrastructure.Identity;
using Scheduling.Web.Controllers;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Account;

/// <summary>Accounts as an admin and the invited people use them: real forms, antiforgery, the emailed links.</summary>
public sealed class AccountAdminTests(WebApp app)
{
    public const string NewPassword = "a long walk on the beach at dawn";
    public const string ValidNpi = "1234567893";

    [Theory]
    [InlineData(Roles.Scheduler, "Referrals to schedule")]
    [InlineData(Roles.Radiologist, "Referrals awaiting review")]
    [InlineData(Roles.ReferringPhysician, "New referral")]
    public async Task Admin_InvitesAPerson_WhoSetsAPasswordFromTheEmailAndSignsInToTheirStartPage(string role, string startPageLink)
    {
        var email = NewEmail(role);
        using var admin = app.CreateClient();
        await admin.LoginAsync(app.Admin);

        var form = await admin.GetAsync("/admin/users/new");
        PageRules.AssertEveryInputIsLabelled(form);
        var values = new Dictionary<string, string> { ["FullName"] = $"Invited {role}", ["Email"] = email, ["Roles"] = role };
        if (role == Roles.ReferringPhysician)
        {
            values["PracticeName"] = "Hillside Oncology";
            values["PracticePhone"] = "555-0142";
            values["Npi"] = ValidNpi;
        }

        var created = await admin.SubmitAsync(form, CheckRole(form, role), values);
        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal("Invited", created.Document.QuerySelector("#account-status")!.TextContent.Trim());
        Assert.Equal(Roles.DisplayName(role), created.Document.QuerySelector("#account-roles")!.TextContent.Trim());
        Assert.Null(await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.PasswordHash).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "AccountInvited" && a.UserName == app.Admin.Email)));

        var (mail, link) = await AccountMail.LinkSentToAsync(app, email);
        Assert.Contains("Choose your password", mail.TextBody, StringComparison.Ordinal);
        var storedHashes = await app.WithDbAsync(db => db.AccountLinks.Where(l => l.TokenHash != null).Select(l => l.TokenHash!).ToListAsync());
        Assert.DoesNotContain(storedHashes, h => link.Contains(Convert.ToBase64String(h).TrimEnd('='), StringComparison.Ordinal));

        using var person = app.CreateClient();
        var page = await person.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(email, page.Document.QuerySelector("#account-email")!.TextContent.Trim());
        PageRules.AssertEveryInputIsLabelled(page);
        // The link proved the mailbox and the password was just chosen: the person is signed in, not sent to sign in again.
        var start = await person.SubmitAsync(page, page.FormWithField("Password"), new Dictionary<string, string>
        {
            ["Password"] = NewPassword,
            ["ConfirmPassword"] = NewPassword,
        });
        Assert.Equal("/", start.Url.AbsolutePath);
        Assert.Contains("you are signed in", start.Body, StringComparison.Ordinal);
        Assert.Contains(startPageLink, start.Document.QuerySelector("main")?.TextContent ?? start.Body, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "InvitationAccepted")));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "SignedIn" && a.Details!.Contains(email))));

        // The new password works on its own afterwards too.
        using var later = app.CreateClient();
        Assert.Equal("/", (await later.LoginAsync(email, NewPassword)).Url.AbsolutePath);
    }

    [Fact]
    public async Task InvitationLink_OnceUsed_ShowsTheNeutralPage()
    {
        var (email, link) = await InviteAsync(Roles.Scheduler);
        using var person = app.CreateClient();
        var page = await person.GetAsync(link);
        // A second browser opened the same link before it was used; the person is signed in once they use it.
        using var other = app.CreateClient();
        var stale = await other.GetAsync(link);
        await person.SubmitAsync(page, page.FormWithField("Password"), new Dictionary<string, string> { ["Password"] = NewPassword, ["ConfirmPassword"] = NewPassword });

        var again = await other.GetAsync(link);
        var replayed = await other.SubmitAsync(stale, stale.FormWithField("Password"), new Dictionary<string, string> { ["Password"] = "another long passphrase here", ["ConfirmPassword"] = "another long passphrase here" });

        Assert.Equal(HttpStatusCode.NotFound, again.Status);
        Assert.Equal("This link cannot be used", again.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.NotFound, replayed.Status);
        Assert.Equal("/", (await app.CreateClient().LoginAsync(email, NewPassword)).Url.AbsolutePath);
    }

    [Fact]
    public async Task InvitationLink_AfterItExpires_ShowsTheSameNeutralPage()
    {
        var (email, link) = await InviteAsync(Roles.Radiologist);
        await app.WithDbAsync(db => db.AccountLinks
            .Where(l => db.Users.Any(u => u.Id == l.UserId && u.Email == email))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAtUtc, DateTime.UtcNow.AddMinutes(-1))));
        using var person = app.CreateClient();

        var page = await person.GetAsync(link);
        var unknown = await person.GetAsync("/account/link/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("This link cannot be used", page.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(page.Document.QuerySelector("main")!.TextContent, unknown.Document.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task InvitationLink_WithACommonPassword_IsRefusedNextToTheField_AndStillWorks()
    {
        var (_, link) = await InviteAsync(Roles.Scheduler);
        using var person = app.CreateClient();
        var page = await person.GetAsync(link);

        var refused = await person.SubmitAsync(page, page.FormWithField("Password"), new Dictionary<string, string> { ["Password"] = "password1234", ["ConfirmPassword"] = "password1234" });
        var tooShort = await person.SubmitAsync(page, page.FormWithField("Password"), new Dictionary<string, string> { ["Password"] = "short pass", ["ConfirmPassword"] = "short pass" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal(CommonPasswordValidator.Message, refused.FieldMessage("Password"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooShort.Status);
        Assert.Contains("12", tooShort.FieldMessage("Password"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync(link)).Status);
    }

    [Fact]
    public async Task Invite_ReferringDoctorWithAWrongNpi_IsRefusedNextToTheField_AndNoAccountIsMade()
    {
        var email = NewEmail("doctor");
        using var admin = app.CreateClient();
        await admin.LoginAsync(app.Admin);
        var form = await admin.GetAsync("/admin/users/new");

        var refused = await admin.SubmitAsync(form, CheckRole(form, Roles.ReferringPhysician), new Dictionary<string, string>
        {
            ["FullName"] = "Dr. Typo",
            ["Email"] = email,
            ["Roles"] = Roles.ReferringPhysician,
            ["PracticeName"] = "Typo Clinic",
            ["PracticePhone"] = "555-0100",
            ["Npi"] = "1234567890",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Contains("not a valid NPI", refused.FieldMessage("Npi"), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task Admin_ResendsAnInvitation_TheOldLinkStopsWorkingAndTheNewOneWorks()
    {
        var (email, oldLink) = await InviteAsync(Roles.Scheduler);
        using var admin = app.CreateClient();
        await admin.LoginAsync(app.Admin);
        var details = await admin.GetAsync($"/admin/users/{await UserIdAsync(email)}");

        await admin.SubmitAsync(details, FormEndingWith(details, "/resend-invitation"), new Dictionary<string, string>());
        var (_, newLink) = await AccountMail.LinkSentToAsync(app, email);

        using var person = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await person.GetAsync(oldLink)).Status);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync(newLink)).Status);
    }

    [Fact]
    public async Task Admin_DeactivatesAnAccount_ItCannotSignIn_TheStampChanges_AndReactivationLetsItBack()
    {
        var user = await app.CreateUserAsync(Roles.Scheduler);
        var id = await UserIdAsync(user.Email);
        var stampBefore = await app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.SecurityStamp).SingleAsync());
        using var admin = app.CreateClient();
        await admin.LoginAsync(app.Admin);
        var details = await admin.GetAsync($"/admin/users/{id}");

        var deactivated = await admin.SubmitAsync(details, FormEndingWith(details, "/deactivate"), new Dictionary<string, string>());

        Assert.Equal("Deactivated", deactivated.Document.QuerySelector("#account-status")!.TextContent.Trim());
        Assert.NotNull(await app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.DeactivatedAtUtc).SingleAsync()));
        Assert.NotEqual(stampBefore, await app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.SecurityStamp).SingleAsync()));
        var refused = await app.CreateClient().LoginAsync(user);
        Assert.Equal("/account/login", refused.Url.AbsolutePath);
        Assert.Contains(AccountController.SignInRefused, refused.Document.QuerySelector("[role='alert']")!.TextContent, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "AccountDeactivated" && a.EntityId == id && a.UserName == app.Admin.Email)));

        await admin.SubmitAsync(deactivated, FormEndingWith(deactivated, "/reactivate"), new Dictionary<string, string>());
        Assert.Equal("/", (await app.CreateClient().LoginAsync(user)).Url.AbsolutePath);
    }

    [Fact]
    public async Task Admin_UnlocksALockedAccount_ItSignsInAtOnce()
    {
        var user = await app.CreateUserAsync(Roles.Radiologist);
        using (var guesser = app.CreateClient())
        {
            for (var attempt = 1; attempt <= 5; attempt++)
            {
                await guesser.LoginAsync(user.Email, $"wrong password {attempt}");
            }
        }

        // Wrong passwords pause the client that sent them (every client of this test server shares one
        // address); a lock comes from wrong codes at the second step, counted here as Identity counts them.
        await AccountLocks.FailSecondStepFiveTimesAsync(app.Factory, user.Email);

        Assert.Equal("/account/login", (await app.CreateClient().LoginAsync(user)).Url.AbsolutePath);
        using var admin = app.CreateClient();
        await admin.LoginAsync(app.Admin);
        var list = await admin.GetAsync("/admin/users?status=Locked");
        Assert.Equal("Locked", list.Document.QuerySelector($"tr[data-email='{user.Email}'] .account-status")!.TextContent.Trim());
        var details = await admin.GetAsync($"/admin/users/{await UserIdAsync(user.Email)}");

        await admin.SubmitAsync(details, FormEndingWith(details, "/unlock"), new Dictionary<string, string>());

        Assert.Equal("/", (await app.CreateClient().LoginAsync(user)).Url.AbsolutePath);
    }

    [Fact]
    public async Task Admin_ChangesRoles_AndSavingNoRoleIsRefusedNextToTheRoles()
    {
        var user = await app.CreateUserAsync(Roles.Scheduler);
        var id = await UserIdAsync(user.Email);
        using var admin = app.CreateClient();
        await admin.LoginAsync(app.Admin);
        var details = await admin.GetAsync($"/admin/users/{id}");
        var form = FormEndingWith(details, "/roles");
        ((AngleSharp.Html.Dom.IHtmlInputElement)form.QuerySelector($"#role-{Roles.Scheduler}")!).IsChecked = false;

        var none = await admin.SubmitAsync(details, form, new Dictionary<string, string>());
        ((AngleSharp.Html.Dom.IHtmlInputElement)form.QuerySelector($"#role-{Roles.Radiologist}")!).IsChecked = true;
        var changed = await admin.SubmitAsync(details, form, new Dictionary<string, string>());
        var unknown = await admin.PostWithoutFormAsync($"/admin/users/{Guid.NewGuid()}/roles", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!,
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, none.Status);
        Assert.Equal("Choose at least one role.", none.Document.QuerySelector("[data-valmsg-for='Roles']")!.TextContent.Trim());
        Assert.Equal(Roles.DisplayName(Roles.Radiologist), changed.Document.QuerySelector("#account-roles")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "AccountRolesChanged" && a.EntityId == id)));
    }

    [Fact]
    public async Task SameAccount_SigningInFromSeveralPlacesAtOnce_SignsInEverywhere_AndTheLastSignInIsShown()
    {
        var user = await app.CreateUserAsync(Roles.Scheduler);
        var browsers = Enumerable.Range(0, 4).Select(_ => app.CreateClient()).ToList();

        var pages = await Task.WhenAll(browsers.Select(b => b.LoginAsync(user)));

        Assert.All(pages, page => Assert.Equal("/", page.Url.AbsolutePath));
        browsers.ForEach(b => b.Dispose());
        using var admin = app.CreateClient();
        await admin.LoginAsync(app.Admin);
        var details = await admin.GetAsync($"/admin/users/{await UserIdAsync(user.Email)}");
        Assert.DoesNotContain("Never", details.Document.QuerySelector("dl")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersList_FiltersByRoleAndStatus()
    {
        var (invited, _) = await InviteAsync(Roles.Radiologist);
        var active = await app.CreateUserAsync(Roles.Radiologist);
        using var admin = app.CreateClient();
        await admin.LoginAsync(app.Admin);

        var invitedRadiologists = await admin.GetAsync($"/admin/users?role={Roles.Radiologist}&status=Invited");
        var schedulers = await admin.GetAsync($"/admin/users?role={Roles.Scheduler}");

        Assert.NotNull(invitedRadiologists.Document.QuerySelector($"tr[data-email='{invited}']"));
        Assert.Null(invitedRadiologists.Document.QuerySelector($"tr[data-email='{active.Email}']"));
        Assert.Null(schedulers.Document.QuerySelector($"tr[data-email='{invited}']"));
        PageRules.AssertEveryInputIsLabelled(invitedRadiologists);
    }

    [Fact]
    public async Task UsersPages_AreForAdminsOnly()
    {
        using var scheduler = app.CreateClient();
        await scheduler.LoginAsync(app.Scheduler);

        Assert.Equal(HttpStatusCode.Forbidden, (await scheduler.GetAsync("/admin/users")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await scheduler.GetAsync("/admin/access-requests")).Status);
    }

    [Fact]
    public async Task ForgotPassword_ForAKnownEmail_SendsASingleUseLink_AndAnUnknownEmailGetsTheSameAnswer()
    {
        var user = await app.CreateUserAsync(Roles.Scheduler);
        using var browser = app.CreateClient();
        var login = await browser.GetAsync("/account/login");
        var forgot = await browser.GetAsync(login.Document.QuerySelector("a[href='/account/forgot-password']")!.GetAttribute("href")!);
        PageRules.AssertEveryInputIsLabelled(forgot);

        var known = await browser.SubmitAsync(forgot, forgot.FormWithField("Email"), new Dictionary<string, string> { ["Email"] = user.Email });
        var unknownEmail = NewEmail("nobody");
        var unknown = await browser.SubmitAsync(forgot, forgot.FormWithField("Email"), new Dictionary<string, string> { ["Email"] = unknownEmail });

        Assert.Equal(HttpStatusCode.OK, known.Status);
        Assert.Equal(known.Status, unknown.Status);
        Assert.Equal(known.Document.QuerySelector("main")!.TextContent, unknown.Document.QuerySelector("main")!.TextContent);
        Assert.Empty(await AccountMail.SendQueuedAsync(app, unknownEmail));

        var (mail, link) = await AccountMail.LinkSentToAsync(app, user.Email);
        Assert.Contains("reset the password", mail.TextBody, StringComparison.Ordinal);
        var page = await browser.GetAsync(link);
        await browser.SubmitAsync(page, page.FormWithField("Password"), new Dictionary<string, string> { ["Password"] = NewPassword, ["ConfirmPassword"] = NewPassword });
        Assert.Equal("/", (await app.CreateClient().LoginAsync(user.Email, NewPassword)).Url.AbsolutePath);
        Assert.Equal("/account/login", (await app.CreateClient().LoginAsync(user)).Url.AbsolutePath);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(link)).Status);
    }

    [Fact]
    public async Task ResetLink_ForAnAccountWithTwoFactorOn_SetsThePassword_ButSignsInOnlyWithACode()
    {
        var user = await app.CreateUserAsync(Roles.Scheduler);
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var account = (await users.FindByEmailAsync(user.Email))!;
            Assert.True((await users.ResetAuthenticatorKeyAsync(account)).Succeeded);
            Assert.True((await users.SetTwoFactorEnabledAsync(account, true)).Succeeded);
        }

        using var browser = app.CreateClient();
        var forgot = await browser.GetAsync("/account/forgot-password");
        await browser.SubmitAsync(forgot, forgot.FormWithField("Email"), new Dictionary<string, string> { ["Email"] = user.Email });
        var (_, link) = await AccountMail.LinkSentToAsync(app, user.Email);
        var page = await browser.GetAsync(link);

        var set = await browser.SubmitAsync(page, page.FormWithField("Password"), new Dictionary<string, string> { ["Password"] = NewPassword, ["ConfirmPassword"] = NewPassword });

        // The emailed link is not a second factor: the password is set, and the person signs in with it and a code.
        Assert.Equal("/account/login", set.Url.AbsolutePath);
        Assert.Contains("a code from your authenticator app", set.Body, StringComparison.Ordinal);
        Assert.Equal("/account/login", (await browser.GetAsync("/")).Url.AbsolutePath);
    }

    [Fact]
    public async Task ForgotPassword_AskedAgainAndAgain_SendsAtMostThreeLinksAnHour_WithTheSameAnswerEachTime_AndTheLastSentStillWorks()
    {
        var user = await app.CreateUserAsync(Roles.Scheduler);
        using var browser = app.CreateClient();
        var answers = new List<string>();
        for (var i = 0; i < AccountLink.MostPerWindow + 3; i++)
        {
            var forgot = await browser.GetAsync("/account/forgot-password");
            var sent = await browser.SubmitAsync(forgot, forgot.FormWithField("Email"), new Dictionary<string, string> { ["Email"] = user.Email });
            Assert.Equal(HttpStatusCode.OK, sent.Status);
            answers.Add(sent.Document.QuerySelector("main")!.TextContent);
        }

        Assert.Single(answers.Distinct());
        await PasswordResetWork.RunQueuedAsync(app.Factory);
        // Links made: one per email the outbox may send (a newer link supersedes an older one not yet sent).
        var id = await UserIdAsync(user.Email);
        Assert.Equal(AccountLink.MostPerWindow, await app.WithDbAsync(db => db.AccountLinks.CountAsync(l => l.UserId == id)));
        Assert.Equal(3, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "PasswordResetNotSent" && a.EntityId == id && a.Details == "3 links were made for this account in the last hour")));

        var mails = await AccountMail.SendQueuedAsync(app, user.Email);
        Assert.NotEmpty(mails);
        var link = System.Text.RegularExpressions.Regex.Match(mails[^1].TextBody ?? string.Empty, @"https?://[^\s]+/account/link/[A-Za-z0-9_\-]+");
        Assert.True(link.Success, mails[^1].TextBody);
        var page = await browser.GetAsync(new Uri(link.Value).AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, page.Status);
    }

    [Fact]
    public async Task PasswordResetLink_ExpiresAfterTwoHoursByDefault()
    {
        var user = await app.CreateUserAsync(Roles.Scheduler);
        using var browser = app.CreateClient();
        var forgot = await browser.GetAsync("/account/forgot-password");
        var before = DateTime.UtcNow;

        await browser.SubmitAsync(forgot, forgot.FormWithField("Email"), new Dictionary<string, string> { ["Email"] = user.Email });
        await PasswordResetWork.RunQueuedAsync(app.Factory);

        var id = await UserIdAsync(user.Email);
        var link = await app.WithDbAsync(db => db.AccountLinks.SingleAsync(l => l.UserId == id));
        Assert.Equal(AccountLinkPurpose.PasswordReset, link.Purpose);
        Assert.InRange(link.ExpiresAtUtc - before, TimeSpan.FromHours(2) - TimeSpan.FromMinutes(1), TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task SignIn_WithAnUnknownEmail_GivesTheSameMessageAsAWrongPassword()
    {
        var user = await app.CreateUserAsync(Roles.Scheduler);
        using var browser = app.CreateClient();

        var wrong = await browser.LoginAsync(user.Email, "not the password at all");
        var unknown = await browser.LoginAsync(NewEmail("nobody"), "not the password at all");

        Assert.Equal(wrong.Status, unknown.Status);
        Assert.Equal(AccountController.SignInRefused, wrong.Document.QuerySelector("[role='alert']")!.TextContent.Trim());
        Assert.Equal(AccountController.SignInRefused, unknown.Document.QuerySelector("[role='alert']")!.TextContent.Trim());
    }

    [Fact]
    public async Task SignedInUser_ChangesTheirPassword_TheOldOneStopsWorking()
    {
        var user = await app.CreateUserAsync(Roles.Radiologist);
        using var browser = app.CreateClient();
        await browser.LoginAsync(user);
        var form = await browser.GetAsync("/account/password");
        PageRules.AssertEveryInputIsLabelled(form);

        var common = await browser.SubmitAsync(form, form.FormWithField("NewPassword"), new Dictionary<string, string>
        {
            ["CurrentPassword"] = user.Password,
            ["NewPassword"] = "iloveyou1234",
            ["ConfirmPassword"] = "iloveyou1234",
        });
        var same = await browser.SubmitAsync(form, form.FormWithField("NewPassword"), new Dictionary<string, string>
        {
            ["CurrentPassword"] = user.Password,
            ["NewPassword"] = user.Password,
            ["ConfirmPassword"] = user.Password,
        });
        var theirAddress = $"{user.Email} is mine";
        var address = await browser.SubmitAsync(form, form.FormWithField("NewPassword"), new Dictionary<string, string>
        {
            ["CurrentPassword"] = user.Password,
            ["NewPassword"] = theirAddress,
            ["ConfirmPassword"] = theirAddress,
        });
        var changed = await browser.SubmitAsync(form, form.FormWithField("NewPassword"), new Dictionary<string, string>
        {
            ["CurrentPassword"] = user.Password,
            ["NewPassword"] = NewPassword,
            ["ConfirmPassword"] = NewPassword,
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, common.Status);
        Assert.Equal(CommonPasswordValidator.Message, common.FieldMessage("NewPassword"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, same.Status);
        Assert.Equal(PersonalPasswordValidator.CurrentMessage, same.FieldMessage("NewPassword"));
        Assert.Contains(PersonalPasswordValidator.EmailMessage, address.FieldMessage("NewPassword"), StringComparison.Ordinal);
        Assert.Equal("/", changed.Url.AbsolutePath);
        Assert.Equal("/account/login", (await app.CreateClient().LoginAsync(user)).Url.AbsolutePath);
        Assert.Equal("/", (await app.CreateClient().LoginAsync(user.Email, NewPassword)).Url.AbsolutePath);
        var id = await UserIdAsync(user.Email);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "PasswordChanged" && a.EntityId == id)));
    }

    [Fact]
    public async Task Doctor_RequestsAccess_HasNoAccessUntilApproved_ThenSetsAPasswordAndSignsIn()
    {
        var email = NewEmail("outside-doctor");
        using var doctor = app.CreateClient();
        var login = await doctor.GetAsync("/account/login");
        var form = await doctor.GetAsync(login.Document.QuerySelector("a[href='/account/request-access']")!.GetAttribute("href")!);
        PageRules.AssertEveryInputIsLabelled(form);

        var badNpi = await doctor.SubmitAsync(form, form.FormWithField("Npi"), AccessRequestFields(email, npi: "1234567890"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badNpi.Status);
        Assert.Contains("not a valid NPI", badNpi.FieldMessage("Npi"), StringComparison.Ordinal);

        var sent = await doctor.SubmitAsync(badNpi, badNpi.FormWithField("Npi"), AccessRequestFields(email, npi: ValidNpi));
        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.Contains("does not mean access will be given", sent.Document.QuerySelector("#request-access-answer")!.TextContent, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
        Assert.Equal("/account/login", (await app.CreateClient().LoginAsync(email, NewPassword)).Url.AbsolutePath);

        using var admin = app.CreateClient();
        await admin.LoginAsync(app.Admin);
        var home = await admin.GetAsync("/");
        Assert.NotNull(home.Document.QuerySelector("#pending-access-requests"));
        var requests = await admin.GetAsync("/admin/access-requests");
        PageRules.AssertEveryInputIsLabelled(requests);
        var row = requests.Document.QuerySelector($"tr[data-email='{email}']")!;
        Assert.Contains(ValidNpi, row.TextContent, StringComparison.Ordinal);
        var approveForm = (AngleSharp.Html.Dom.IHtmlFormElement)row.QuerySelectorAll("form").First(f => f.GetAttribute("action")!.EndsWith("/approve", StringComparison.Ordinal));
        var approved = await admin.SubmitAsync(requests, approveForm, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, approved.Status);

        var (mail, link) = await AccountMail.LinkSentToAsync(app, email);
        Assert.Contains("approved", mail.Subject, StringComparison.Ordinal);
        var page = await doctor.GetAsync(link);
        await doctor.SubmitAsync(page, page.FormWithField("Password"), new Dictionary<string, string> { ["Password"] = NewPassword, ["ConfirmPassword"] = NewPassword });
        var start = await doctor.LoginAsync(email, NewPassword);
        Assert.Equal("/", start.Url.AbsolutePath);
        Assert.Contains("New referral", start.Body, StringComparison.Ordinal);
        var practice = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => new { u.PracticeName, u.Npi }).SingleAsync());
        Assert.Equal(("Outside Oncology", ValidNpi), (practice.PracticeName, practice.Npi));
    }

    [Fact]
    public async Task Admin_DeclinesAnAccessRequestWithAReason_WhichIsEmailed_AndNoAccountIsMade()
    {
        var email = NewEmail("declined-doctor");
        using var doctor = app.CreateClient();
        var form = await doctor.GetAsync("/account/request-access");
        await doctor.SubmitAsync(form, form.FormWithField("Npi"), AccessRequestFields(email, ValidNpi));
        using var admin = app.CreateClient();
        await admin.LoginAsync(app.Admin);
        var requests = await admin.GetAsync("/admin/access-requests");
        var row = requests.Document.QuerySelector($"tr[data-email='{email}']")!;
        var declineForm = (AngleSharp.Html.Dom.IHtmlFormElement)row.QuerySelectorAll("form").First(f => f.GetAttribute("action")!.EndsWith("/decline", StringComparison.Ordinal));
        var reasonName = declineForm.QuerySelector("input[name='Reason']")!;

        var noReason = await admin.SubmitAsync(requests, declineForm, new Dictionary<string, string> { ["Reason"] = " " });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.Status);
        Assert.Contains("reason", noReason.Document.QuerySelector($"tr[data-email='{email}'] [data-valmsg-for='Reason']")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(reasonName);

        await admin.SubmitAsync(requests, declineForm, new Dictionary<string, string> { ["Reason"] = "We only accept referrals from our partner hospitals." });

        var mail = Assert.Single(await AccountMail.SendQueuedAsync(app, email));
        Assert.Contains("We only accept referrals from our partner hospitals.", mail.TextBody, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task RequestAccess_WithoutTheAntiforgeryToken_IsRefused()
    {
        using var browser = app.CreateClient();
        await browser.GetAsync("/account/request-access");

        var forged = await browser.PostWithoutFormAsync("/account/request-access", AccessRequestFields(NewEmail("forged"), ValidNpi));

        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
    }

    private static Dictionary<string, string> AccessRequestFields(string email, string npi) => new()
    {
        ["FullName"] = "Dr. Outside Oncologist",
        ["Practice"] = "Outside Oncology",
        ["Npi"] = npi,
        ["Email"] = email,
        ["Phone"] = "555-0199",
        ["Note"] = "We refer about two patients a month.",
    };

    private async Task<(string Email, string Link)> InviteAsync(string role)
    {
        var email = NewEmail(role);
        using var admin = app.CreateClient();
        await admin.LoginAsync(app.Admin);
        var form = await admin.GetAsync("/admin/users/new");
        var page = await admin.SubmitAsync(form, CheckRole(form, role), new Dictionary<string, string>
        {
            ["FullName"] = $"Invited {role}",
            ["Email"] = email,
            ["Roles"] = role,
        });
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var (_, link) = await AccountMail.LinkSentToAsync(app, email);
        return (email, link);
    }

    /// <summary>The invite form with the role's checkbox ticked (the client submits checked boxes only).</summary>
    private static AngleSharp.Html.Dom.IHtmlFormElement CheckRole(Page page, string role)
    {
        var form = page.FormWithField("FullName");
        ((AngleSharp.Html.Dom.IHtmlInputElement)form.QuerySelector($"#role-{role}")!).IsChecked = true;
        return form;
    }

    private static AngleSharp.Html.Dom.IHtmlFormElement FormEndingWith(Page page, string actionEnding) =>
        page.Document.QuerySelectorAll<AngleSharp.Html.Dom.IHtmlFormElement>("form").Single(f => f.GetAttribute("action")!.EndsWith(actionEnding, StringComparison.Ordinal));

    private Task<string> UserIdAsync(string email) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private static string NewEmail(string what) => $"{what.ToLowerInvariant()}-{Guid.NewGuid():N}@clinic.test";
}
