using System.Globalization;
using System.Text.RegularExpressions;

using Microsoft.Playwright;

using Scheduling.Application.Features.Courses;
using Scheduling.TestSupport;
using Scheduling.TestSupport.Html;

namespace Scheduling.BrowserTests;

/// <summary>
/// Issue 21's "done when": one patient's whole course of chemoembolization in Chromium, each person in
/// their own browser. Each session is referred (or planned from the course) and booked in the browser
/// like any other; then its procedure day passes by moving its slot back
/// (<see cref="BrowserApp.MoveBookingBackAsync"/>): 30, 20 and 10 days ago, each follow-up scan read
/// before the next session. axe runs on every new page.
/// </summary>
[Collection(BookingCollection.Name)]
public sealed partial class TreatmentCourseInTheBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task ACourse_ThroughAPartialResponseAndTwoStableOnes_IsFlaggedForTheTumourBoard_AndTheDoctorSeesItAllOnTheirPatientsCourse()
    {
        var patient = TestPatient.Unique("Carmen");
        var violations = new List<string>();
        await using var doctor = await app.NewSessionAsync();
        await using var scheduler = await app.NewSessionAsync();
        await using var radiologist = await app.NewSessionAsync();
        await doctor.SignInAsync("doctor@clinic.test");
        await scheduler.SignInAsync("scheduler@clinic.test");
        await radiologist.SignInAsync("radiologist@clinic.test");
        var staff = scheduler.Page;
        var reader = radiologist.Page;

        // Session 1: referred, booked, and done 30 days ago.
        var referralId = await CareJourney.DoctorSubmitsReferralAsync(doctor, patient, app.ClinicToday);
        var session1 = await BookAndCompleteAsync(scheduler, patient, daysAgo: 30);
        await BrowserApp.OpenAsync(staff, $"/staff/referrals/{referralId}");
        await staff.GetByRole(AriaRole.Link, new() { Name = "Open the treatment course" }).ClickAsync();
        await BrowserApp.ArrivedAtAsync(staff, CoursePage());
        var coursePath = new Uri(staff.Url).AbsolutePath;
        var courseId = CoursePage().Match(staff.Url).Groups["id"].Value;
        await Assertions.Expect(staff.Locator("#course-state")).ToHaveTextAsync("Active");
        violations.AddRange(await Axe.ViolationsAsync(staff, "course page"));

        // After it: the discharge and a grade 2 event.
        await staff.GetByRole(AriaRole.Link, new() { Name = "Session 1" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Name = $"Session 1: {patient.FirstName}", Exact = false })).ToBeVisibleAsync();
        violations.AddRange(await Axe.ViolationsAsync(staff, "session page"));
        await staff.GetByLabel("How the patient left").SelectOptionAsync("SameDay");
        await staff.GetByLabel("Hours from the procedure to discharge").FillAsync("4");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Record the discharge" }).ClickAsync();
        await Assertions.Expect(staff.Locator("#discharge-recorded")).ToContainTextAsync("after 4 h");
        await staff.GetByLabel("CTCAE term").FillAsync("Post-embolization syndrome");
        await staff.GetByLabel("CTCAE grade").SelectOptionAsync("2");
        await staff.GetByLabel("Onset").FillAsync(Iso(session1.AddDays(1)));
        await staff.GetByLabel("Attribution to the procedure").SelectOptionAsync("Definite");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Record the adverse event" }).ClickAsync();
        await Assertions.Expect(staff.Locator("table.adverse-events")).ToContainTextAsync("Post-embolization syndrome");

        // The follow-up scan is due: it is on the worklist.
        await BrowserApp.OpenAsync(staff, "/courses/follow-up-scans");
        await Assertions.Expect(staff.Locator($"#due tr[data-course='{courseId}']")).ToHaveCountAsync(1);
        violations.AddRange(await Axe.ViolationsAsync(staff, "follow-up scans"));
        await BrowserApp.OpenAsync(staff, "/courses/calls");
        await Assertions.Expect(staff.Locator($"tr[data-course='{courseId}'][data-day='7']")).ToHaveCountAsync(1);
        violations.AddRange(await Axe.ViolationsAsync(staff, "calls"));

        // The baseline (one target, 40 mm) and a partial response after session 1 (25 mm: 37.5 % down).
        await BrowserApp.OpenAsync(reader, $"{coursePath}/baseline");
        violations.AddRange(await Axe.ViolationsAsync(reader, "baseline form"));
        await reader.GetByLabel("Date of the scan").FillAsync(Iso(session1.AddDays(-5)));
        await reader.GetByLabel("Kind of scan").SelectOptionAsync("Ct");
        await reader.GetByLabel("Target 1", new() { Exact = true }).FillAsync("40");
        await reader.GetByLabel("Segment of target 1").SelectOptionAsync("7");
        await reader.GetByLabel("Non-target lesions").SelectOptionAsync("None");
        await reader.GetByRole(AriaRole.Button, new() { Name = "Record the baseline" }).ClickAsync();
        await BrowserApp.ArrivedAtAsync(reader, CoursePage());
        await RecordResponseAsync(reader, coursePath, 1, session1.AddDays(8), "25", "Partial response (PR)", violations);

        // Session 2: planned from the course with new labs and imaging, booked, done 20 days ago; stable.
        var session2 = await PlanSendBookAndCompleteAsync(scheduler, patient, coursePath, daysAgo: 20, violations);
        await RecordResponseAsync(reader, coursePath, 2, session2.AddDays(5), "29", "Stable disease (SD)", violations);

        // Session 3, 10 days ago; stable again: two sessions in a row without an objective response.
        var session3 = await PlanSendBookAndCompleteAsync(scheduler, patient, coursePath, daysAgo: 10, violations: null);
        await RecordResponseAsync(reader, coursePath, 3, session3.AddDays(7), "29", "Stable disease (SD)", violations: null);

        await BrowserApp.OpenAsync(staff, coursePath);
        await Assertions.Expect(staff.Locator("#refractory-flag")).ToContainTextAsync("tumour board");
        await Assertions.Expect(staff.Locator("tr[data-session]")).ToHaveCountAsync(3);
        violations.AddRange(await Axe.ViolationsAsync(staff, "course page, flagged"));
        // The patient's record: the three referrals, the three sessions and every reading, in time order.
        await staff.GetByRole(AriaRole.Link, new() { Name = "Patient page" }).ClickAsync();
        await BrowserApp.ArrivedAtAsync(staff, new Regex("/patients/[0-9a-f-]{36}$"));
        await Assertions.Expect(staff.Locator(".patient-referrals li")).ToHaveCountAsync(3);
        await Assertions.Expect(staff.Locator(".patient-timeline li[data-kind='Session']")).ToHaveCountAsync(3);
        await Assertions.Expect(staff.Locator(".patient-timeline li[data-kind='Response']")).ToHaveCountAsync(3);
        violations.AddRange(await Axe.ViolationsAsync(staff, "patient record"));

        await BrowserApp.OpenAsync(staff, "/courses/tumour-board");
        await Assertions.Expect(staff.Locator($"tr[data-course='{courseId}']")).ToHaveCountAsync(1);
        violations.AddRange(await Axe.ViolationsAsync(staff, "tumour board"));

        // The referring doctor finds it among their patients' courses and sees all of it, read-only.
        var page = doctor.Page;
        await BrowserApp.OpenAsync(page, "/courses");
        violations.AddRange(await Axe.ViolationsAsync(page, "doctor's courses"));
        await page.Locator($"tr[data-course='{courseId}']").GetByRole(AriaRole.Link).ClickAsync();
        await BrowserApp.ArrivedAtAsync(page, CoursePage());
        await Assertions.Expect(page.Locator("tr[data-session]")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("tr[data-session='1']")).ToContainTextAsync("Post-embolization syndrome, grade 2");
        await Assertions.Expect(page.Locator(".reading .response-category")).ToHaveTextAsync(["Partial response (PR)", "Stable disease (SD)", "Stable disease (SD)"]);
        await Assertions.Expect(page.Locator("#refractory-flag")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main form")).ToHaveCountAsync(0);
        violations.AddRange(await Axe.ViolationsAsync(page, "doctor's course page"));

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.Empty(doctor.CspViolations);
        Assert.Empty(scheduler.CspViolations);
        Assert.Empty(radiologist.CspViolations);
    }

    /// <summary>The scheduler books the patient's ready referral from the queue; the procedure day comes <paramref name="daysAgo"/>, and the scheduler marks it completed.</summary>
    private async Task<DateOnly> BookAndCompleteAsync(BrowserSession scheduler, TestPatient patient, int daysAgo)
    {
        var (bookingId, _) = await CareJourney.SchedulerBooksFromTheQueueAsync(scheduler, patient);
        var day = await app.MoveBookingBackAsync(bookingId, daysAgo);
        await scheduler.Page.ReloadAsync();
        await scheduler.Page.GetByRole(AriaRole.Button, new() { Name = "Mark completed" }).ClickAsync();
        await Assertions.Expect(scheduler.Page.Locator("#booking-status")).ToHaveTextAsync("Completed");
        return day;
    }

    /// <summary>"Plan the next session" on the course, the repeated labs and imaging typed in, sent, booked and done.</summary>
    private async Task<DateOnly> PlanSendBookAndCompleteAsync(
        BrowserSession scheduler, TestPatient patient, string coursePath, int daysAgo, List<string>? violations)
    {
        var page = scheduler.Page;
        await BrowserApp.OpenAsync(page, coursePath);
        await page.GetByRole(AriaRole.Button, new() { Name = "Plan the next session" }).ClickAsync();
        await BrowserApp.ArrivedAtAsync(page, new Regex("/courses/planned/[0-9a-f-]{36}$"));
        if (violations is not null)
        {
            violations.AddRange(await Axe.ViolationsAsync(page, "planned session"));
        }

        // Tested today: the booking that follows is weeks ahead, and the labs must still be valid on its day.
        var testedOn = app.ClinicToday;
        var refresh = SubmitPlannedSession.RefreshInput.From(TestData.EligibleQuestionnaire(testedOn)) with { LabsDrawnOn = testedOn, ImagingDoneOn = testedOn };
        foreach (var (name, value) in HtmlForms.FieldsOf("Refresh", refresh).Where(f => f.Value.Length > 0))
        {
            var field = CareJourney.Field(page, name);
            if (await field.EvaluateAsync<string>("e => e.tagName") == "SELECT")
            {
                await field.SelectOptionAsync(value);
            }
            else
            {
                await field.FillAsync(value);
            }
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Send the next session" }).ClickAsync();
        await BrowserApp.ArrivedAtAsync(page, new Regex("/staff/referrals/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.Locator(".status")).ToHaveTextAsync("Ready to schedule");
        return await BookAndCompleteAsync(scheduler, patient, daysAgo);
    }

    /// <summary>The radiologist reads the follow-up scan of a session (one target), computes the category, sees it, and records it.</summary>
    private static async Task RecordResponseAsync(IPage reader, string coursePath, int session, DateOnly scanOn, string target1Mm, string expected, List<string>? violations)
    {
        await BrowserApp.OpenAsync(reader, $"{coursePath}/sessions/{session}/response");
        await reader.GetByLabel("Date of the scan").FillAsync(Iso(scanOn));
        await reader.GetByLabel("Kind of scan").SelectOptionAsync("Ct");
        await reader.GetByLabel(new Regex("^Target 1 ")).FillAsync(target1Mm);
        await reader.GetByLabel("Non-target lesions").SelectOptionAsync("None");
        await reader.GetByRole(AriaRole.Button, new() { Name = "Compute the response" }).ClickAsync();
        await Assertions.Expect(reader.Locator("#computed-response .response-category")).ToHaveTextAsync(expected);
        if (violations is not null)
        {
            violations.AddRange(await Axe.ViolationsAsync(reader, "response form, computed"));
        }

        await reader.GetByRole(AriaRole.Button, new() { Name = "Record the response" }).ClickAsync();
        await BrowserApp.ArrivedAtAsync(reader, CoursePage());
        await Assertions.Expect(reader.Locator($".reading[data-session='{session}'] .response-category")).ToHaveTextAsync(expected);
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"/courses/(?<id>[0-9a-f-]{36})$")]
    private static partial Regex CoursePage();
}
