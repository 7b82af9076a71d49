using Scheduling.TestSupport;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Account;

/// <summary>Two-factor set-up and sign-in through the real pages, as a person with an authenticator app does it.</summary>
internal static class TwoFactorPages
{
    public const string EnrolPath = "/account/two-factor/enrol";
    public const string CodeStepPath = "/account/sign-in/two-factor";

    public sealed record Enrolment(string Key, string CodeUsed, IReadOnlyList<string> RecoveryCodes, Page CodesPage);

    /// <summary>From the enrolment page: start set-up, read the key shown, enter the code the app would show.</summary>
    public static async Task<Enrolment> EnrolAsync(BrowserClient browser, Page? withKey = null)
    {
        withKey ??= await StartAsync(browser);
        var key = SharedKey(withKey);
        var code = Totp.Now(key);
        var done = await browser.SubmitAsync(withKey, withKey.FormWithField("Code"), new Dictionary<string, string> { ["Code"] = code });
        var codes = done.Document.QuerySelectorAll(".recovery-code").Select(e => e.TextContent.Trim()).ToList();
        return new Enrolment(key, code, codes, done);
    }

    /// <summary>Presses "Start set-up": the page then shows the key and the QR code.</summary>
    public static async Task<Page> StartAsync(BrowserClient browser)
    {
        var enrol = await browser.GetAsync(EnrolPath);
        Assert.Equal(EnrolPath, enrol.Url.AbsolutePath);
        return await browser.SubmitAsync(enrol, enrol.FormPostingTo(EnrolPath + "/key"), new Dictionary<string, string>());
    }

    public static string SharedKey(Page page) =>
        page.Document.QuerySelector("[data-testid='shared-key']")?.TextContent.Trim()
        ?? throw new Xunit.Sdk.XunitException($"No shared key on {page.Url}.");

    /// <summary>Password, then the second step with the given code.</summary>
    public static async Task<Page> SignInAsync(BrowserClient browser, TestUser user, string code)
    {
        var step = await browser.LoginAsync(user);
        Assert.Equal(CodeStepPath, step.Url.AbsolutePath);
        return await browser.SubmitAsync(step, step.FormWithField("Code"), new Dictionary<string, string> { ["Code"] = code });
    }

    /// <summary>A six-digit code that is certainly wrong now (none of the steps the server accepts around now).</summary>
    public static string WrongCode(string key)
    {
        var now = DateTimeOffset.UtcNow;
        var accepted = Enumerable.Range(-3, 7).Select(step => Totp.Code(key, now.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => $"{i}{i}{i}{i}{i}{i}").First(c => !accepted.Contains(c));
    }
}
