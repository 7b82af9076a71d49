using System.Globalization;
using System.Net;

using AngleSharp.Html.Dom;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Courses;
using Scheduling.Domain.Common;
using Scheduling.Domain.Courses;
using Scheduling.Domain.Referrals;
using Scheduling.TestSupport;
using Scheduling.TestSupport.Html;
using Scheduling.WebTests.Infrastructure;
using Scheduling.WebTests.Referrals;

namespace Scheduling.WebTests.Courses;

/// <summary>
/// The treatment course pages through the real app: real sign-in, real forms with antiforgery tokens,
/// the real database. The app runs on the system clock, so each course's first session is a booking
/// 25 days ago (inside the follow-up window, its day-1 and day-7 calls due), completed by the scheduler
/// on the booking page as at work. Each test has a patient name of its own (names are how records match).
/// </summary>
public sealed class CoursePagesTests(WebApp app)
{
    private const int SessionDaysAgo = 25;

    [Fact]
    public async Task Staff_RecordTheDischargeAndAGrade2Event_BadInputComesBackBesideItsField_AndTheWorklistsListTheSession()
    {
        var doctor = await app.CreateUserAsync(Roles.ReferringPhysician);
        using var scheduler = await SignInAsync(app.Scheduler);
        var course = await CourseAsync(scheduler, doctor, UniqueName());

        var session = await scheduler.GetAsync($"/courses/{course.Id}/sessions/1");
        Assert.Equal(HttpStatusCode.OK, session.Status);
        PageRules.AssertNoInlineScriptOrStyle(session);
        PageRules.AssertEveryInputIsLabelled(session);

        var noReason = await scheduler.SubmitAsync(session, session.FormWithField("Discharge.Kind"), new Dictionary<string, string>
        {
            ["Discharge.Kind"] = nameof(DischargeKind.UnplannedAdmission),
            ["Discharge.HoursToDischarge"] = "30",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.Status);
        Assert.NotEmpty(noReason.FieldMessage("Discharge.Reason"));
        var discharged = await scheduler.SubmitAsync(noReason, noReason.FormWithField("Discharge.Kind"), new Dictionary<string, string>
        {
            ["Discharge.Kind"] = nameof(DischargeKind.PlannedOvernight),
            ["Discharge.HoursToDischarge"] = "20",
            ["Discharge.Reason"] = "Pain needing IV analgesia",
        });
        Assert.Equal(HttpStatusCode.OK, discharged.Status);
        Assert.Contains("Pain needing IV analgesia", discharged.Document.QuerySelector("#discharge-recorded")?.TextContent, StringComparison.Ordinal);

        var grade6 = await scheduler.SubmitAsync(discharged, discharged.FormWithField("AdverseEvent.Term"), AdverseEvent("Abdominal pain", "6", course.SessionDay.AddDays(1)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, grade6.Status);
        Assert.NotEmpty(grade6.FieldMessage("AdverseEvent.Grade"));
        var beforeSession = await scheduler.SubmitAsync(grade6, grade6.FormWithField("AdverseEvent.Term"), AdverseEvent("Fever", "2", course.SessionDay.AddDays(-1)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, beforeSession.Status);
        Assert.NotEmpty(beforeSession.FieldMessage("AdverseEvent.OnsetOn"));
        var recorded = await scheduler.SubmitAsync(beforeSession, beforeSession.FormWithField("AdverseEvent.Term"), AdverseEvent("Post-embolization syndrome", "2", course.SessionDay.AddDays(1)));
        Assert.Equal(HttpStatusCode.OK, recorded.Status);
        Assert.Contains("Post-embolization syndrome", recorded.Document.QuerySelector("table.adverse-events")?.TextContent, StringComparison.Ordinal);

        var page = await scheduler.GetAsync($"/courses/{course.Id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        PageRules.AssertNoInlineScriptOrStyle(page);
        PageRules.AssertEveryInputIsLabelled(page);
        var row = page.Document.QuerySelector("tr[data-session='1']")?.TextContent ?? string.Empty;
        Assert.Contains("Post-embolization syndrome, grade 2", row, StringComparison.Ordinal);
        Assert.Contains("20 h", row, StringComparison.Ordinal);

        var scans = await scheduler.GetAsync("/courses/follow-up-scans");
        PageRules.AssertNoInlineScriptOrStyle(scans);
        Assert.NotNull(scans.Document.QuerySelector($"#due tr[data-course='{course.Id}'][data-session='1']"));
        var calls = await scheduler.GetAsync("/courses/calls");
        PageRules.AssertNoInlineScriptOrStyle(calls);
        Assert.NotNull(calls.Document.QuerySelector($"tr[data-course='{course.Id}'][data-day='1']"));
        var board = await scheduler.GetAsync("/courses/tumour-board");
        Assert.Equal(HttpStatusCode.OK, board.Status);
        Assert.Null(board.Document.QuerySelector($"tr[data-course='{course.Id}']"));

        Assert.True(await ViewedAsync(app.Scheduler, course.Id), "The scheduler's view of the course is not in the audit log.");
    }

    [Fact]
    public async Task Radiologist_RecordsTheBaselineAndAPartialResponseWithItsArithmetic_AndOnlyTheReferringDoctorSeesItOnTheirPatientsCourse()
    {
        var doctor = await app.CreateUserAsync(Roles.ReferringPhysician);
        var otherDoctor = await app.CreateUserAsync(Roles.ReferringPhysician);
        using var scheduler = await SignInAsync(app.Scheduler);
        var course = await CourseAsync(scheduler, doctor, UniqueName());
        using var radiologist = await SignInAsync(app.Radiologist);

        var baseline = await radiologist.GetAsync($"/courses/{course.Id}/baseline");
        Assert.Equal(HttpStatusCode.OK, baseline.Status);
        PageRules.AssertNoInlineScriptOrStyle(baseline);
        PageRules.AssertEveryInputIsLabelled(baseline);
        var tooSmall = await radiologist.SubmitAsync(baseline, baseline.FormWithField("Reading.Target1Mm"), Baseline(course.SessionDay.AddDays(-10), "8"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooSmall.Status);
        Assert.Contains("10 mm", tooSmall.FieldMessage("Reading.Target1Mm"), StringComparison.Ordinal);
        var recordedBaseline = await radiologist.SubmitAsync(tooSmall, tooSmall.FormWithField("Reading.Target1Mm"), Baseline(course.SessionDay.AddDays(-10), "40"));
        Assert.Equal(HttpStatusCode.OK, recordedBaseline.Status);
        Assert.Equal($"/courses/{course.Id}", recordedBaseline.Url.AbsolutePath);

        var assess = await radiologist.GetAsync($"/courses/{course.Id}/sessions/1/response");
        Assert.Equal(HttpStatusCode.OK, assess.Status);
        PageRules.AssertEveryInputIsLabelled(assess);
        var followUp = new Dictionary<string, string>
        {
            ["Reading.ScanOn"] = Iso(course.Today.AddDays(-1)),
            ["Reading.Modality"] = nameof(ImagingModality.Ct),
            ["Reading.Target1Mm"] = "25",
            ["Reading.NonTarget"] = nameof(NonTargetStatus.None),
        };
        var preview = await ReferralForms.PressAsync(radiologist, assess, assess.FormWithField("Reading.Target1Mm"), followUp, "Intent", "preview");
        Assert.Equal(HttpStatusCode.OK, preview.Status);
        PageRules.AssertNoInlineScriptOrStyle(preview);
        PageRules.AssertEveryInputIsLabelled(preview);
        Assert.Equal("Partial response (PR)", preview.Document.QuerySelector("#computed-response .response-category")?.TextContent);
        Assert.Contains("40", preview.Document.QuerySelector("#computed-response ol")?.TextContent, StringComparison.Ordinal);
        var recorded = await ReferralForms.PressAsync(radiologist, preview, preview.FormWithField("Reading.Target1Mm"), followUp, "Intent", "record");
        Assert.Equal(HttpStatusCode.OK, recorded.Status);
        Assert.Equal("Partial response (PR)", recorded.Document.QuerySelector(".reading[data-session='1'] .response-category")?.TextContent);

        using var owner = await SignInAsync(doctor);
        var theirs = await owner.GetAsync($"/courses/{course.Id}");
        Assert.Equal(HttpStatusCode.OK, theirs.Status);
        PageRules.AssertNoInlineScriptOrStyle(theirs);
        Assert.Equal("Partial response (PR)", theirs.Document.QuerySelector(".reading[data-session='1'] .response-category")?.TextContent);
        Assert.Empty(theirs.Document.QuerySelectorAll("main form"));
        Assert.NotNull((await owner.GetAsync("/courses")).Document.QuerySelector($"tr[data-course='{course.Id}']"));
        Assert.Equal("/account/access-denied", (await owner.GetAsync($"/courses/{course.Id}/sessions/1")).Url.AbsolutePath);
        Assert.True(await ViewedAsync(doctor, course.Id), "The doctor's view of the course is not in the audit log.");

        using var other = await SignInAsync(otherDoctor);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/courses/{course.Id}")).Status);
        Assert.Null((await other.GetAsync("/courses")).Document.QuerySelector($"tr[data-course='{course.Id}']"));
    }

    [Fact]
    public async Task TheStaffReferralPage_OffersAnEarlierPatient_ToLink_TheLinkIsUndoneOnlyWithAReason_AndANewRecordCanBeOpened()
    {
        var doctor = await app.CreateUserAsync(Roles.ReferringPhysician);
        var name = UniqueName();
        using var scheduler = await SignInAsync(app.Scheduler);
        var course = await CourseAsync(scheduler, doctor, name);
        var second = await TestData.BookAsync(app.Factory.Services, Now().AddDays(20), doctorUserId: doctor.Id, firstName: name);

        var page = await scheduler.GetAsync($"/staff/referrals/{second.ReferralId}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        PageRules.AssertNoInlineScriptOrStyle(page);
        var match = page.Document.QuerySelector($"#patient-record .patient-matches li[data-patient='{course.PatientId}']");
        Assert.NotNull(match);
        var linked = await scheduler.SubmitAsync(page, (IHtmlFormElement)match.QuerySelector("form")!, new Dictionary<string, string>());
        Assert.Equal($"/staff/referrals/{second.ReferralId}", linked.Url.AbsolutePath);
        Assert.Contains("This referral belongs to", linked.Document.QuerySelector("#patient-record")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(course.PatientId, await PatientOfAsync(second.ReferralId));
        var book = await scheduler.GetAsync($"/scheduling/referrals/{second.ReferralId}/book");
        Assert.NotNull(book.Document.QuerySelector($"#patient-record a[href='/courses/{course.Id}']"));

        var unlink = await scheduler.GetAsync(linked.Document.QuerySelector("#patient-record a[href*='/patients/unlink']")!.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, unlink.Status);
        PageRules.AssertNoInlineScriptOrStyle(unlink);
        PageRules.AssertEveryInputIsLabelled(unlink);
        var noReason = await scheduler.SubmitAsync(unlink, unlink.FormWithField("Reason"), new Dictionary<string, string> { ["Reason"] = " " });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.Status);
        Assert.NotEmpty(noReason.FieldMessage("Reason"));
        Assert.Equal(course.PatientId, await PatientOfAsync(second.ReferralId));
        var undone = await scheduler.SubmitAsync(noReason, noReason.FormWithField("Reason"), new Dictionary<string, string> { ["Reason"] = "Different patient: another MRN at the hospital" });
        Assert.Equal($"/staff/referrals/{second.ReferralId}", undone.Url.AbsolutePath);
        Assert.Null(await PatientOfAsync(second.ReferralId));
        Assert.NotNull(undone.Document.QuerySelector($"#patient-record .patient-matches li[data-patient='{course.PatientId}']"));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityId == second.ReferralId.ToString() && a.Action == "PatientUnlinked")));

        var opened = await scheduler.SubmitAsync(undone, undone.FormPostingTo("/patients/open"), new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, opened.Status);
        var own = await PatientOfAsync(second.ReferralId);
        Assert.NotNull(own);
        Assert.NotEqual(course.PatientId, own);

        var patient = await scheduler.GetAsync($"/patients/{course.PatientId}");
        Assert.Equal(HttpStatusCode.OK, patient.Status);
        PageRules.AssertNoInlineScriptOrStyle(patient);
        Assert.Contains(Referral.ReferenceOf(course.ReferralId), patient.Document.QuerySelector(".patient-referrals")?.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(Referral.ReferenceOf(second.ReferralId), patient.Body, StringComparison.Ordinal);
        Assert.NotEmpty(patient.Document.QuerySelectorAll(".patient-timeline li"));
    }

    [Fact]
    public async Task TheNextSession_IsPlannedFromTheCourse_RefusedWithLabsFromBeforeTheLastSession_AndSentWithNewOnes()
    {
        var doctor = await app.CreateUserAsync(Roles.ReferringPhysician);
        using var scheduler = await SignInAsync(app.Scheduler);
        var course = await CourseAsync(scheduler, doctor, UniqueName());

        var page = await scheduler.GetAsync($"/courses/{course.Id}");
        var planned = await scheduler.SubmitAsync(page, page.FormWithField("Plan.AskDoctorToConfirm"), new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, planned.Status);
        Assert.StartsWith("/courses/planned/", planned.Url.AbsolutePath, StringComparison.Ordinal);
        PageRules.AssertNoInlineScriptOrStyle(planned);
        PageRules.AssertEveryInputIsLabelled(planned);
        var referralId = Guid.Parse(planned.Url.AbsolutePath.Split('/')[^1]);

        var refused = await scheduler.SubmitAsync(planned, planned.FormWithField("Refresh.LabsDrawnOn"), Refresh(course.SessionDay.AddDays(-1)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Contains("after session 1", refused.FieldMessage("Refresh.LabsDrawnOn"), StringComparison.Ordinal);
        Assert.Contains("after session 1", refused.FieldMessage("Refresh.ImagingDoneOn"), StringComparison.Ordinal);
        Assert.Equal(ReferralStatus.Draft, await app.WithDbAsync(db => db.Referrals.Where(r => r.Id == referralId).Select(r => r.Status).SingleAsync()));

        var sent = await scheduler.SubmitAsync(refused, refused.FormWithField("Refresh.LabsDrawnOn"), Refresh(course.Today));
        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.Equal($"/staff/referrals/{referralId}", sent.Url.AbsolutePath);
        var referral = await app.WithDbAsync(db => db.Referrals.AsNoTracking().SingleAsync(r => r.Id == referralId));
        Assert.Equal(ReferralStatus.ReadyToSchedule, referral.Status);
        Assert.Equal(course.Id, referral.CourseId);
        Assert.Equal(course.PatientId, referral.PatientId);
        Assert.NotNull(sent.Document.QuerySelector($"#course-link[href='/courses/{course.Id}']"));
    }

    /// <param name="Today">Today in the clinic's time zone, as the app dates everything.</param>
    private sealed record Course(Guid Id, Guid PatientId, Guid ReferralId, DateOnly SessionDay, DateOnly Today);

    /// <summary>A patient's first session: booked 25 days ago for the doctor's referral, then marked completed by the scheduler on the booking page.</summary>
    private async Task<Course> CourseAsync(BrowserClient scheduler, TestUser doctor, string firstName)
    {
        var start = Now().Date.AddDays(-SessionDaysAgo).AddHours(15);
        var booked = await TestData.BookAsync(app.Factory.Services, start, doctorUserId: doctor.Id, firstName: firstName);
        var detail = await scheduler.GetAsync($"/scheduling/bookings/{booked.BookingId}");
        var complete = (IHtmlFormElement)detail.Document.QuerySelectorAll("form button")
            .Single(b => b.TextContent.Trim() == "Mark completed").Closest("form")!;
        var done = await scheduler.SubmitAsync(detail, complete, new Dictionary<string, string>());
        Assert.Equal("Completed", done.Document.QuerySelector("#booking-status")?.TextContent);

        var (courseId, patientId) = await app.WithDbAsync(async db =>
        {
            var courseId = await db.CourseSessions.Where(s => s.BookingId == booked.BookingId).Select(s => s.CourseId).SingleAsync();
            return (courseId, await db.TreatmentCourses.Where(c => c.Id == courseId).Select(c => c.PatientId).SingleAsync());
        });
        var clinicTime = app.Factory.Services.GetRequiredService<ClinicTime>();
        return new Course(courseId, patientId, booked.ReferralId, clinicTime.LocalDate(start), clinicTime.Today(TimeProvider.System));
    }

    /// <summary>A course page shows the course and its patient: one "Viewed" line whose record set holds the course.</summary>
    private Task<bool> ViewedAsync(TestUser user, Guid courseId) => app.WithDbAsync(async db =>
    {
        var keys = await db.AuditEntries.Where(a => a.UserId == user.Id && a.Action == "Viewed" && a.RecordSetKey != null).Select(a => a.RecordSetKey!).ToListAsync();
        var sets = await db.AuditRecordSets.AsNoTracking().Include(s => s.Records).Where(s => keys.Contains(s.Key)).ToListAsync();
        return sets.Any(s => s.Records.Any(r => r.EntityType == nameof(TreatmentCourse) && r.EntityId == courseId.ToString()));
    });

    private Task<Guid?> PatientOfAsync(Guid referralId) =>
        app.WithDbAsync(db => db.Referrals.Where(r => r.Id == referralId).Select(r => r.PatientId).SingleAsync());

    private static Dictionary<string, string> AdverseEvent(string term, string grade, DateOnly onset) => new()
    {
        ["AdverseEvent.Term"] = term,
        ["AdverseEvent.Grade"] = grade,
        ["AdverseEvent.OnsetOn"] = Iso(onset),
        ["AdverseEvent.Attribution"] = nameof(Attribution.Definite),
    };

    private static Dictionary<string, string> Baseline(DateOnly scanOn, string target1Mm) => new()
    {
        ["Reading.ScanOn"] = Iso(scanOn),
        ["Reading.Modality"] = nameof(ImagingModality.Ct),
        ["Reading.Target1Mm"] = target1Mm,
        ["Reading.Target1Segment"] = "7",
        ["Reading.NonTarget"] = nameof(NonTargetStatus.None),
    };

    /// <summary>The repeated labs and imaging of a planned session, all eligible, tested on <paramref name="testedOn"/>.</summary>
    private static Dictionary<string, string> Refresh(DateOnly testedOn) =>
        HtmlForms.FieldsOf("Refresh", SubmitPlannedSession.RefreshInput.From(TestData.EligibleQuestionnaire(testedOn)) with
        {
            LabsDrawnOn = testedOn,
            ImagingDoneOn = testedOn,
        });

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTime Now() => TimeProvider.System.GetUtcNow().UtcDateTime;

    private static string UniqueName() =>
        "Pat" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsAsciiHexDigitLower).Select(c => (char)('a' + (c % 26))).Take(8));

    private async Task<BrowserClient> SignInAsync(TestUser user)
    {
        var browser = app.CreateClient();
        await browser.LoginAsync(user);
        return browser;
    }
}
