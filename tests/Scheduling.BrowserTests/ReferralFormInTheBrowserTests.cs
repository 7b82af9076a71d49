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

    [Fact]
    public async Task Doctor_PastingANameWithANulCharacter_SeesWhereItIsNextToTheField_AndKeepsEverythingTyped()
    {
        await using var session = await app.NewSessionAsync();
        await session.SignInAsync("doctor@clinic.test");
        await BrowserApp.OpenAsync(session.Page, "/referrals/new");
        var page = session.Page;
        await page.GetByLabel("First name", new() { Exact = true }).FillAsync("Ann\0Marie");
        await page.GetByLabel("Last name", new() { Exact = true }).FillAsync("Pasted");
        await page.Locator("[name='Details.PatientDateOfBirth']").FillAsync("1960-04-02");
        await page.GetByLabel("6. Total bilirubin (mg/dL)").FillAsync("1.4");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();

        var firstName = page.GetByLabel("First name", new() { Exact = true });
        await Assertions.Expect(firstName).ToHaveValueAsync("Ann\uFFFDMarie");
        await Assertions.Expect(firstName).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("[data-valmsg-for='Details.PatientFirstName']")).ToContainTextAsync("cannot be kept");
        await Assertions.Expect(page.GetByLabel("Last name", new() { Exact = true })).ToHaveValueAsync("Pasted");
        await Assertions.Expect(page.GetByLabel("6. Total bilirubin (mg/dL)")).ToHaveValueAsync("1.4");
        await Assertions.Expect(page.Locator("[name='Details.PatientDateOfBirth']")).ToHaveValueAsync("1960-04-02");

        // Deleting the marked character is all it takes.
        await firstName.FillAsync("Ann Marie");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/referrals/[0-9a-f-]{36}/edit$"));
        await Assertions.Expect(page.GetByLabel("First name", new() { Exact = true })).ToHaveValueAsync("Ann Marie");
        Assert.Empty(session.CspViolations);
    }
}
