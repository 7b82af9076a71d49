using Microsoft.Playwright;

namespace Scheduling.BrowserTests;

public sealed class AccountsInTheBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task Admin_InvitesAScheduler_WhoChoosesAPasswordFromTheEmailedLinkAndSignsIn()
    {
        var email = $"new-scheduler-{Guid.NewGuid():N}@clinic.test";
        const string password = "seven ravens over the frozen lake";
        await using var admin = await app.NewSessionAsync();
        await admin.SignInAsync("admin@clinic.test");

        await BrowserApp.OpenAsync(admin.Page, "/admin/users");
        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Invite a person" }).ClickAsync();
        await admin.Page.GetByLabel("Full name").FillAsync("Robin Newscheduler");
        await admin.Page.GetByLabel("Email").FillAsync(email);
        await admin.Page.GetByLabel("Scheduler", new() { Exact = true }).CheckAsync();
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Create and send the invitation" }).ClickAsync();
        await Assertions.Expect(admin.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("invitation email is on its way");
        await Assertions.Expect(admin.Page.Locator("#account-status")).ToHaveTextAsync("Invited");
        Assert.Empty(admin.CspViolations);

        await using var person = await app.NewSessionAsync();
        var page = person.Page;
        await BrowserApp.OpenAsync(page, "/dev/mail");
        var row = page.Locator("tbody tr").Filter(new() { HasText = email });

        // The invitation is written by a background job just after the invite commits.
        await BrowserApp.ReloadUntilCountAsync(page, row, 1);

        var link = row.Locator("a[href*='/account/link/']");
        Assert.StartsWith(app.BaseUrl + "/account/link/", await link.GetAttributeAsync("href"), StringComparison.Ordinal);
        await link.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Choose your password" })).ToBeVisibleAsync();
        await page.GetByLabel("New password (at least 12 characters)").FillAsync(password);
        await page.GetByLabel("The same password again").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save password" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is set, and you are signed in.");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Referrals to schedule" })).ToBeVisibleAsync();
        Assert.Empty(person.CspViolations);
    }
}
