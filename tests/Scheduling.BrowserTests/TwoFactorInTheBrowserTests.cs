using Microsoft.Playwright;

using Scheduling.TestSupport;

namespace Scheduling.BrowserTests;

public sealed class TwoFactorInTheBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task AUser_SetsUpTwoFactorFromTheShownKey_SeesTheRecoveryCodes_AndThenSignsInWithACode()
    {
        var email = await app.CreateUserAsync("Scheduler");
        await using var session = await app.NewSessionAsync();
        await session.SignInAsync(email);

        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Account" }).ClickAsync();
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Two-factor" }).ClickAsync();
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Set up two-factor" }).ClickAsync();
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Start set-up" }).ClickAsync();

        var qr = session.Page.GetByRole(AriaRole.Img, new() { Name = "QR code of your two-factor key" });
        await Assertions.Expect(qr).ToBeVisibleAsync();
        Assert.True(await qr.EvaluateAsync<int>(
            "img => img.complete ? img.naturalWidth : new Promise(done => { img.onload = () => done(img.naturalWidth); img.onerror = () => done(0); })") > 0, "The QR code image did not load.");
        var key = (await session.Page.GetByTestId("shared-key").TextContentAsync())!.Trim();
        await session.Page.GetByLabel("Code from your authenticator app").FillAsync(Totp.Now(key));
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor" }).ClickAsync();

        await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Two-factor is on" })).ToBeVisibleAsync();
        await Assertions.Expect(session.Page.Locator(".recovery-code")).ToHaveCountAsync(10);
        await session.SignOutAsync();

        await session.Page.GetByLabel("Email").FillAsync(email);
        await session.Page.GetByLabel("Password").FillAsync(BrowserSession.DemoPassword);
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Two-factor sign-in" })).ToBeVisibleAsync();
        await session.Page.GetByLabel("Code from your authenticator app").FillAsync(Totp.Next(key));
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();

        await Assertions.Expect(session.Page.GetByRole(AriaRole.Link, new() { Name = "Scheduling queue" })).ToBeVisibleAsync();
        Assert.Empty(session.CspViolations);
    }
}
