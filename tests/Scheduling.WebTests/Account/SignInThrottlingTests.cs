using System.Net;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Security;
using Scheduling.Domain.Accounts;
using Scheduling.Infrastructure.Identity;
using Scheduling.Web.Controllers;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Account;

/// <summary>
/// Issue 20 point 3: strangers cannot lock a person out, and the guesses against one email stay
/// bounded (<see cref="SignInThrottle"/>: 5 per client per 15 minutes, 100 a day from new devices).
/// </summary>
public sealed class SignInThrottlingTests(ClockedApp app) : IClassFixture<ClockedApp>
{
    private const string PersonsComputer = "203.0.113.10";

    [Fact]
    public async Task AStrangersWrongPasswords_PauseOnlyTheStrangersClient_ThePersonSignsInFromElsewhere_AndFromTheirOwnComputerOnTheSameNetwork()
    {
        var user = await WebApp.CreateUserAsync(app.Factory, Roles.Scheduler);
        using var own = app.Browser(PersonsComputer);
        await SignInAndOutAsync(own, user);

        using var stranger = app.Browser("198.51.100.7");
        await WrongPasswordsAsync(stranger, user.Email, SignInThrottle.MostFailuresPerClient);
        var paused = await stranger.LoginAsync(user);
        Assert.Equal("/account/login", paused.Url.AbsolutePath);
        Assert.StartsWith("Too many wrong passwords for this email from this computer or network.", Alert(paused), StringComparison.Ordinal);

        // Someone else, from a new computer on another network: not affected.
        using var elsewhere = app.Browser("192.0.2.44");
        Assert.Equal("/", (await elsewhere.LoginAsync(user)).Url.AbsolutePath);

        // A stranger on the person's own network (the same address) pauses that address for new computers...
        using var neighbour = app.Browser(PersonsComputer);
        await WrongPasswordsAsync(neighbour, user.Email, SignInThrottle.MostFailuresPerClient);
        using var newComputerThere = app.Browser(PersonsComputer);
        Assert.StartsWith("Too many wrong passwords", Alert(await newComputerThere.LoginAsync(user)), StringComparison.Ordinal);

        // ...but the computer the person signed in on before is counted on its own and still gets in.
        Assert.Equal("/", (await own.LoginAsync(user)).Url.AbsolutePath);

        // The pause ends when the oldest of the five failures is 15 minutes old.
        app.Clock.Advance(SignInThrottle.ClientWindow);
        Assert.Equal("/", (await stranger.LoginAsync(user)).Url.AbsolutePath);

        var audit = await WebApp.WithDbAsync(app.Factory, db => db.AuditEntries
            .Where(a => a.Details!.Contains(user.Email)).Select(a => a.Action).ToListAsync());
        Assert.Equal(2 * SignInThrottle.MostFailuresPerClient, audit.Count(a => a == "SignInFailed"));
        Assert.Equal(2, audit.Count(a => a == "SignInPaused"));
        Assert.DoesNotContain("SignInLockedOut", audit);
    }

    [Fact]
    public async Task AHundredWrongPasswordsADay_FromAnyNumberOfAddresses_AreAllAnEmailGets_AnUnknownEmailAnswersTheSame_KnownComputersAndANewPasswordStillGetIn()
    {
        var user = await WebApp.CreateUserAsync(app.Factory, Roles.Radiologist);
        var nobody = $"nobody-{Guid.NewGuid():N}@clinic.test";
        using var own = app.Browser(PersonsComputer);
        await SignInAndOutAsync(own, user);

        // A botnet: every guess from a different address, so no address is ever paused by itself.
        using var botnet = WebApp.CreateClient(app.Factory);
        var answers = new Dictionary<string, List<string>> { [user.Email] = [], [nobody] = [] };
        for (var guess = 1; guess <= SignInThrottle.MostFailuresFromNewDevicesPerDay; guess++)
        {
            foreach (var email in answers.Keys)
            {
                PeerAddress.From(botnet, $"10.{guess / 250}.{guess % 250}.{(email == nobody ? 2 : 1)}");
                answers[email].Add(Alert(await botnet.LoginAsync(email, $"guess number {guess}")));
            }
        }

        Assert.All(answers.Values.SelectMany(a => a), answer => Assert.Equal(AccountController.SignInRefused, answer));

        // The next guess, even the right password, from yet another address: paused for new devices,
        // in the same words for an email with an account and one without.
        PeerAddress.From(botnet, "172.16.0.1");
        var pausedForUser = Alert(await botnet.LoginAsync(user));
        var pausedForNobody = Alert(await botnet.LoginAsync(nobody, user.Password));
        Assert.StartsWith("After many wrong passwords, sign-in with this email from computers it has not been used on before is paused until ", pausedForUser, StringComparison.Ordinal);
        Assert.Equal(pausedForUser, pausedForNobody);
        Assert.Equal(SignInThrottle.MostFailuresFromNewDevicesPerDay, await FailuresCountedAsync(user.Email));

        // The person's own computer still signs in.
        Assert.Equal("/", (await own.LoginAsync(user)).Url.AbsolutePath);
        var home = await own.GetAsync("/");
        await own.SubmitAsync(home, home.FormPostingTo("/account/logout"), new Dictionary<string, string>());

        // A new password set from the emailed link (proof of the mailbox) ends the pause for the person.
        using var newComputer = app.Browser("192.0.2.80");
        var forgot = await newComputer.GetAsync("/account/forgot-password");
        await newComputer.SubmitAsync(forgot, forgot.FormWithField("Email"), new Dictionary<string, string> { ["Email"] = user.Email });
        var (_, link) = await AccountMail.LinkSentToAsync(app.Factory, user.Email);
        var reset = await newComputer.GetAsync(link);
        await newComputer.SubmitAsync(reset, reset.FormWithField("Password"), new Dictionary<string, string>
        {
            ["Password"] = AccountAdminTests.NewPassword,
            ["ConfirmPassword"] = AccountAdminTests.NewPassword,
        });
        Assert.Equal(0, await FailuresCountedAsync(user.Email));
        using var anotherNewComputer = app.Browser("192.0.2.81");
        Assert.Equal("/", (await anotherNewComputer.LoginAsync(user.Email, AccountAdminTests.NewPassword)).Url.AbsolutePath);

        // A day after the guesses, new devices may try the unknown email again.
        app.Clock.Advance(SignInThrottle.DayWindow);
        Assert.Equal(AccountController.SignInRefused, Alert(await botnet.LoginAsync(nobody, "one more guess")));
    }

    [Fact]
    public async Task TwentyWrongPasswordsAtTheSameMoment_FromOneAddress_GetAtMostFivePasswordChecks()
    {
        var user = await WebApp.CreateUserAsync(app.Factory, Roles.Admin);
        using var attacker = app.Browser("198.51.100.99");
        var login = await attacker.GetAsync("/account/login");
        var form = login.FormWithField("Email");

        // Twenty: the sign-in rate limit's allowance per address and minute, so each one reaches the throttle.
        var answers = await Task.WhenAll(Enumerable.Range(1, 20).Select(guess => Task.Run(async () =>
            Alert(await attacker.SubmitAsync(login, form, new Dictionary<string, string>
            {
                ["Email"] = user.Email,
                ["Password"] = $"parallel guess {guess}",
            })))));

        var checkedOnes = answers.Count(a => a == AccountController.SignInRefused);
        Assert.InRange(checkedOnes, 1, SignInThrottle.MostFailuresPerClient);
        Assert.All(answers.Where(a => a != AccountController.SignInRefused), a => Assert.StartsWith("Too many wrong passwords", a, StringComparison.Ordinal));
        Assert.Equal(checkedOnes, await FailuresCountedAsync(user.Email));
    }

    private static async Task SignInAndOutAsync(BrowserClient browser, TestUser user)
    {
        Assert.Equal("/", (await browser.LoginAsync(user)).Url.AbsolutePath);
        var home = await browser.GetAsync("/");
        await browser.SubmitAsync(home, home.FormPostingTo("/account/logout"), new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Found, (await browser.GetAsync("/admin/rooms", followRedirects: false)).Status);
    }

    private static async Task WrongPasswordsAsync(BrowserClient browser, string email, int count)
    {
        for (var attempt = 1; attempt <= count; attempt++)
        {
            Assert.Equal(AccountController.SignInRefused, Alert(await browser.LoginAsync(email, $"wrong password {attempt}")));
        }
    }

    private static string Alert(Page page) => page.Document.QuerySelector("[role='alert']")?.TextContent.Trim() ?? string.Empty;

    private Task<int> FailuresCountedAsync(string email)
    {
        var key = SignInAttempts.EmailKey(email);
        return WebApp.WithDbAsync(app.Factory, db => db.SignInAttempts.CountAsync(a => a.EmailKey == key));
    }
}
