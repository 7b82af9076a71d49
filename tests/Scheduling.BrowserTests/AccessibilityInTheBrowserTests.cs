using System.Text.RegularExpressions;

using Microsoft.Playwright;

namespace Scheduling.BrowserTests;

/// <summary>
/// axe-core (WCAG 2.0 and 2.1, levels A and AA) on the forms as they come back with errors and on the
/// patient's link pages: no violation. Every page each role can reach is crawled by
/// <see cref="EveryPageInTheBrowserTests"/>.
/// </summary>
[Collection(BookingCollection.Name)]
public sealed class AccessibilityInTheBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task FormsShowingTheirErrors_HaveNoWcagAaViolation_AndFocusIsOnTheErrorSummary()
    {
        var violations = new List<string>();
        await using var doctor = await app.NewSessionAsync();
        await doctor.SignInAsync("doctor@clinic.test");
        await BrowserApp.OpenAsync(doctor.Page, "/referrals/new");
        await doctor.Page.GetByRole(AriaRole.Button, new() { Name = "Submit referral" }).ClickAsync();
        await Assertions.Expect(doctor.Page.Locator("#error-summary")).ToBeFocusedAsync();
        violations.AddRange(await ViolationsAsync(doctor.Page, "referral form with errors"));

        var patient = TestPatient.Unique("Axel");
        var id = await CareJourney.DoctorSubmitsReferralAsync(doctor, patient, app.ClinicToday, bilirubin: 2.4m, ecog: 1);
        await using var radiologist = await app.NewSessionAsync();
        await radiologist.SignInAsync("radiologist@clinic.test");
        await BrowserApp.OpenAsync(radiologist.Page, $"/review/{id}");
        violations.AddRange(await ViolationsAsync(radiologist.Page, "review page"));
        await radiologist.Page.GetByRole(AriaRole.Button, new() { Name = "Decline" }).ClickAsync();
        await Assertions.Expect(radiologist.Page.GetByText("Give the reason for declining")).ToBeVisibleAsync();
        violations.AddRange(await ViolationsAsync(radiologist.Page, "review page with an error"));

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.Empty(doctor.CspViolations);
    }

    [Fact]
    public async Task ThePatientsLinkPages_HaveNoWcagAaViolation()
    {
        var violations = new List<string>();
        var patient = TestPatient.Unique("Pia");
        await using (var doctor = await app.NewSessionAsync())
        await using (var scheduler = await app.NewSessionAsync())
        {
            await doctor.SignInAsync("doctor@clinic.test");
            await CareJourney.DoctorSubmitsReferralAsync(doctor, patient, app.ClinicToday);
            await scheduler.SignInAsync("scheduler@clinic.test");
            await CareJourney.SchedulerBooksFromTheQueueAsync(scheduler, patient);
        }

        await using var browser = await app.NewSessionAsync();
        var link = await CareJourney.PatientFollowsTheEmailedLinkAsync(browser, patient, app.BaseUrl);
        var page = browser.Page;
        violations.AddRange(await ViolationsAsync(page, "appointment page"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Ask for another date" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ask for another date" })).ToBeVisibleAsync();
        violations.AddRange(await ViolationsAsync(page, "another date page"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to my appointment" }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel my appointment" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Are you sure you want to cancel this appointment?" })).ToBeVisibleAsync();
        violations.AddRange(await ViolationsAsync(page, "cancel confirmation page"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Keep my appointment" }).ClickAsync();
        await BrowserApp.ArrivedAtAsync(page, new Regex("^" + Regex.Escape(link) + "$"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my appointment" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Tick this box when it is true for you").First).ToBeVisibleAsync();
        violations.AddRange(await ViolationsAsync(page, "appointment page with errors"));
        await CareJourney.PatientConfirmsAsync(page);
        await Assertions.Expect(page.Locator("#appointment-date")).Not.ToBeEmptyAsync();
        violations.AddRange(await ViolationsAsync(page, "confirmed page"));

        await BrowserApp.OpenAsync(page, "/p/" + new string('x', 43));
        violations.AddRange(await ViolationsAsync(page, "link that no longer works"));

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.Empty(browser.CspViolations);
    }

    private static Task<IEnumerable<string>> ViolationsAsync(IPage page, string where) => Axe.ViolationsAsync(page, where);
}
