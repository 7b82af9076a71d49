using Microsoft.Playwright;

namespace Scheduling.BrowserTests;

public sealed class ReferralFormInTheBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task Doctor_TypingTheLiverValues_SeesTheChildPughScoreComputedLive()
    {
        await using var session = await app.NewSessionAsync();
        await session.SignInAsync("doctor@clinic.test");
        await BrowserApp.OpenAsync(session.Page, "/referrals/new");
        var score = session.Page.Locator("#child-pugh-score");
        await Assertions.Expect(score).ToHaveTextAsync("enter the five values");

        await session.Page.GetByLabel("6. Total bilirubin (mg/dL)").FillAsync("2.4");
        await session.Page.GetByLabel("7. Albumin (g/dL)").FillAsync("3.0");
        await session.Page.GetByLabel("8. INR").FillAsync("1.1");
        await session.Page.GetByLabel("Ascites", new() { Exact = true }).SelectOptionAsync("None");
        await session.Page.GetByLabel("Encephalopathy (current)").SelectOptionAsync("None");

        // bilirubin 2 + albumin 2 + INR 1 + ascites 1 + encephalopathy 1.
        await Assertions.Expect(score).ToHaveTextAsync("B7");
        await session.Page.GetByLabel("Ascites", new() { Exact = true }).SelectOptionAsync("ModerateSevere");
        await Assertions.Expect(score).ToHaveTextAsync("B9");
        Assert.Empty(session.CspViolations);
    }
}
