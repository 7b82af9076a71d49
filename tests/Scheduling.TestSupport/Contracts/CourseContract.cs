using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using MimeKit;

using Scheduling.Application.Common.Results;
using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Bookings;
using Scheduling.Application.Features.Courses;
using Scheduling.Application.Features.Patients;
using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Courses;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Messaging;
using Scheduling.Domain.Referrals;
using Scheduling.Infrastructure.Messaging;
using Scheduling.TestSupport.Databases;

namespace Scheduling.TestSupport.Contracts;

/// <summary>
/// The treatment course on a real database: completed bookings become sessions of one patient's
/// course, patient records are linked only by staff, what follows each session, the readings and
/// what is computed from them, the worklists, the next session, and who may see what. Each test uses
/// a patient name of its own (names are how records match), and the app's real composers talk SMTP
/// to a loopback server.
/// </summary>
public abstract class CourseContract(DatabaseFixture fixture) : AppContract(fixture)
{
    /// <summary>Tuesday 3 March 2026, 14:00 UTC (09:00 in New York).</summary>
    private static readonly DateTime FirstSessionUtc = new(2026, 3, 3, 14, 0, 0, DateTimeKind.Utc);

    private static readonly DateOnly FirstSessionDay = new(2026, 3, 3);

    protected override bool UsesSmtp => true;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        AsScheduler();
    }

    [Fact]
    public async Task ACompletedBooking_IsSession1OfANewCourse_OnANewPatientRecord_WithItsCallsFollowUpAndEmailsDue()
    {
        var name = UniqueName();
        var booked = await TestData.BookAsync(App.Services, FirstSessionUtc, firstName: name);

        await CompleteAsync(booked);

        var course = await CourseOfAsync(booked.ReferralId);
        Assert.Equal(CourseState.Active, course.State);
        Assert.Equal(booked.DoctorUserId, course.DoctorUserId);
        var session = Assert.Single(course.Sessions);
        Assert.Equal(1, session.Number);
        Assert.Equal(booked.BookingId, session.BookingId);
        Assert.Equal(FirstSessionDay, session.PerformedOn);
        Assert.Equal(FirstSessionDay.AddDays(28), session.FollowUpDueOn);
        Assert.Equal([FirstSessionDay.AddDays(1), FirstSessionDay.AddDays(7)], session.Calls.OrderBy(c => c.Day).Select(c => c.DueOn));
        var referral = await App.WithDbAsync(db => db.Referrals.AsNoTracking().Include(r => r.Events).SingleAsync(r => r.Id == booked.ReferralId));
        Assert.Equal(course.PatientId, referral.PatientId);
        Assert.Contains(referral.Events, e => e.Kind == "SessionRecorded");
        var patient = await App.WithDbAsync(db => db.Patients.AsNoTracking().SingleAsync(p => p.Id == course.PatientId));
        Assert.Equal(name, patient.FirstName);

        var emails = await App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.SubjectId == session.Id).OrderBy(m => m.NextAttemptAtUtc).ToListAsync());
        Assert.Equal([MessageKinds.DoctorFollowUpDue, MessageKinds.DoctorFollowUpOverdue], emails.Select(m => m.Kind));
        Assert.Equal(ClinicTime.ToUtc(FirstSessionDay.AddDays(21), new TimeOnly(9, 0)), emails[0].NextAttemptAtUtc);
        Assert.Equal(ClinicTime.ToUtc(FirstSessionDay.AddDays(43), new TimeOnly(9, 0)), emails[1].NextAttemptAtUtc);

        var audit = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityId == course.Id.ToString() || a.EntityId == session.Id.ToString()).ToListAsync());
        Assert.Contains(audit, a => a.EntityType == nameof(TreatmentCourse) && a.Action == "Created");
        Assert.Contains(audit, a => a.EntityType == nameof(CourseSession) && a.Action == "Created");
    }

    [Fact]
    public async Task AReferralThatLooksLikeAnEarlierPatient_IsOnlyOffered_AndOnceStaffLinkIt_ItsProcedureIsSession2OfThatCourse()
    {
        var name = UniqueName();
        var first = await TestData.BookAsync(App.Services, FirstSessionUtc, firstName: name);
        await CompleteAsync(first);
        var course = await CourseOfAsync(first.ReferralId);
        var second = await TestData.BookAsync(App.Services, FirstSessionUtc.AddDays(56), doctorUserId: first.DoctorUserId, firstName: name);

        var offered = (await App.SendAsync(new GetReferralPatient.Query(second.ReferralId))).Value;
        Assert.Null(offered.Linked);
        var match = Assert.Single(offered.Matches);
        Assert.Equal(course.PatientId, match.Patient.Id);
        Assert.Equal("Same name and date of birth", match.Reason);
        Assert.True(match.HasActiveCourse);
        Assert.Null(await App.WithDbAsync(db => db.Referrals.Where(r => r.Id == second.ReferralId).Select(r => r.PatientId).SingleAsync()));

        Assert.True((await App.SendAsync(new LinkReferralToPatient.Command(second.ReferralId, course.PatientId))).IsSuccess);
        var linked = (await App.SendAsync(new GetReferralPatient.Query(second.ReferralId))).Value;
        Assert.Equal(course.PatientId, linked.Linked!.Id);
        Assert.Equal(course.Id, linked.Course!.CourseId);

        await CompleteAsync(second);

        var after = await CourseOfAsync(first.ReferralId);
        Assert.Equal(2, after.Sessions.Count);
        Assert.Equal(second.BookingId, after.Sessions.Single(s => s.Number == 2).BookingId);
        Assert.Equal(2, after.SessionCount);
        Assert.Equal(FirstSessionDay.AddDays(56), after.LastSessionOn);
        Assert.Single(await App.WithDbAsync(db => db.TreatmentCourses.Where(c => c.PatientId == course.PatientId).ToListAsync()));
    }

    [Fact]
    public async Task AWrongLink_IsUndoneWithAReason_OnTheTimelineAndTheAuditLog_ButNotAfterTheProcedure()
    {
        var name = UniqueName();
        var first = await TestData.BookAsync(App.Services, FirstSessionUtc, firstName: name);
        await CompleteAsync(first);
        var course = await CourseOfAsync(first.ReferralId);
        var second = await TestData.BookAsync(App.Services, FirstSessionUtc.AddDays(56), firstName: name);
        await App.SendAsync(new LinkReferralToPatient.Command(second.ReferralId, course.PatientId));

        var refused = await App.SendAsync(new UnlinkReferralFromPatient.Command(second.ReferralId, " "));
        Assert.Equal(ErrorKind.Validation, refused.Error?.Kind);
        Assert.True((await App.SendAsync(new UnlinkReferralFromPatient.Command(second.ReferralId, "Different patient: other MRN at the hospital"))).IsSuccess);

        var referral = await App.WithDbAsync(db => db.Referrals.AsNoTracking().Include(r => r.Events).SingleAsync(r => r.Id == second.ReferralId));
        Assert.Null(referral.PatientId);
        Assert.Contains(referral.Events, e => e.Kind == "PatientUnlinked" && e.Text.Contains("Different patient", StringComparison.Ordinal));
        Assert.Contains(await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityId == second.ReferralId.ToString()).ToListAsync()), a => a.Action == "PatientUnlinked");

        Assert.True((await App.SendAsync(new OpenPatientRecord.Command(second.ReferralId))).IsSuccess);
        await CompleteAsync(second);
        var own = await CourseOfAsync(second.ReferralId);
        Assert.NotEqual(course.Id, own.Id);
        Assert.Equal(ErrorKind.Conflict, (await App.SendAsync(new UnlinkReferralFromPatient.Command(second.ReferralId, "Too late"))).Error?.Kind);
    }

    [Fact]
    public async Task ASentReferral_WithNoEarlierMatch_GetsItsOwnRecord_AndOneThatMatches_WaitsForStaff()
    {
        var name = UniqueName();
        var doctor = await TestData.AddDoctorAsync(App.Services);
        App.User.SignInAs(doctor, "doctor@practice.test", Roles.ReferringPhysician);
        var details = TestData.Details(firstName: name, lastName: "Okafor") with { MedicalRecordNumber = "MRN-" + name };
        var questionnaire = TestData.EligibleQuestionnaire(ClinicTime.Today(App.Clock));

        var first = (await App.SendAsync(new SubmitReferral.Command(null, details, questionnaire))).Value.ReferralId;
        var second = (await App.SendAsync(new SubmitReferral.Command(null, details with { PatientFirstName = "Other" + name }, questionnaire))).Value.ReferralId;

        var patientOfFirst = await App.WithDbAsync(db => db.Referrals.Where(r => r.Id == first).Select(r => r.PatientId).SingleAsync());
        Assert.NotNull(patientOfFirst);
        Assert.Null(await App.WithDbAsync(db => db.Referrals.Where(r => r.Id == second).Select(r => r.PatientId).SingleAsync()));
        AsScheduler();
        var match = Assert.Single((await App.SendAsync(new GetReferralPatient.Query(second))).Value.Matches);
        Assert.Equal(patientOfFirst, match.Patient.Id);
        Assert.Equal("Same MRN", match.Reason);
    }

    [Fact]
    public async Task ADoctorSeesTheirOwnPatientsCourse_AnotherDoctorGetsNotFound_AndEveryViewIsAudited()
    {
        var booked = await TestData.BookAsync(App.Services, FirstSessionUtc, firstName: UniqueName());
        await CompleteAsync(booked);
        var course = await CourseOfAsync(booked.ReferralId);
        var other = await TestData.AddDoctorAsync(App.Services);

        App.User.SignInAs(other, "other@practice.test", Roles.ReferringPhysician);
        Assert.Equal(ErrorKind.NotFound, (await App.SendAsync(new GetCourse.Query(course.Id))).Error?.Kind);
        Assert.DoesNotContain((await App.SendAsync(new ListCourses.Query())).Value.Rows, r => r.Id == course.Id);
        Assert.Equal(ErrorKind.NotFound, (await App.SendAsync(new RecordDischarge.Command(course.Id, 1, DischargeKind.SameDay, null, 4))).Error?.Kind);

        App.User.SignInAs(booked.DoctorUserId, "owner@practice.test", Roles.ReferringPhysician);
        var view = await App.SendAsync(new GetCourse.Query(course.Id));
        Assert.True(view.IsSuccess);
        Assert.False(view.Value.IsStaff);
        Assert.Single(view.Value.Sessions);
        Assert.Contains((await App.SendAsync(new ListCourses.Query())).Value.Rows, r => r.Id == course.Id);
        Assert.Equal(ErrorKind.NotFound, (await App.SendAsync(new RecordDischarge.Command(course.Id, 1, DischargeKind.SameDay, null, 4))).Error?.Kind);
        Assert.Equal(ErrorKind.NotFound, (await App.SendAsync(new GetReferralPatient.Query(booked.ReferralId))).Error?.Kind);

        App.User.SignInAs("user-admin-course", "admin@clinic.test", Roles.Admin);
        var lines = (await App.SendAsync(new Application.Features.Audit.SearchAuditLog.Query(course.Id.ToString(), "owner@practice.test", "Viewed", null, null, null))).Value.Rows;
        Assert.Contains(lines, l => l.EntityType == nameof(TreatmentCourse));
    }

    [Fact]
    public async Task AfterASession_StaffRecordTheDischargeAndAGrade2Event_AndBadInputIsRefusedNextToItsField()
    {
        var course = await CourseWithSessionsAsync(1);
        App.Clock.SetUtcNow(new DateTimeOffset(FirstSessionUtc.AddDays(2)));

        var noReason = await App.SendAsync(new RecordDischarge.Command(course, 1, DischargeKind.UnplannedAdmission, null, 30));
        Assert.Contains("Reason", noReason.Error!.FieldErrors.Keys);
        Assert.True((await App.SendAsync(new RecordDischarge.Command(course, 1, DischargeKind.PlannedOvernight, "Pain needing IV analgesia", 20))).IsSuccess);

        var grade6 = await App.SendAsync(new RecordAdverseEvent.Command(course, 1, "Abdominal pain", 6, FirstSessionDay, Attribution.Probable, false));
        Assert.Equal(["Grade"], grade6.Error!.FieldErrors.Keys);
        var beforeSession = await App.SendAsync(new RecordAdverseEvent.Command(course, 1, "Fever", 2, FirstSessionDay.AddDays(-1), Attribution.Probable, false));
        Assert.Equal(["OnsetOn"], beforeSession.Error!.FieldErrors.Keys);
        Assert.True((await App.SendAsync(new RecordAdverseEvent.Command(course, 1, "Post-embolization syndrome", 2, FirstSessionDay.AddDays(1), Attribution.Definite, false))).IsSuccess);

        var view = (await App.SendAsync(new GetCourse.Query(course))).Value;
        var session = Assert.Single(view.Sessions);
        Assert.Equal(DischargeKind.PlannedOvernight, session.Discharge);
        Assert.Equal(20m, session.HoursToDischarge);
        var adverse = Assert.Single(session.AdverseEvents);
        Assert.Equal(("Post-embolization syndrome", 2), (adverse.Term, adverse.Grade));
        Assert.Contains(view.History, h => h.Kind == "AdverseEvent");
    }

    [Fact]
    public async Task TheCallsWorklist_ShowsDay1AndDay7CallsWhenDue_UntilThePatientIsReached_AndEachCallIsOnTheTimeline()
    {
        var course = await CourseWithSessionsAsync(1);
        App.Clock.SetUtcNow(new DateTimeOffset(FirstSessionUtc.AddDays(1)));

        var list = (await App.SendAsync(new ListFollowUpCalls.Query())).Value;
        var call = Assert.Single(list.Due, c => c.CourseId == course);
        Assert.Equal(1, call.Day);
        Assert.Equal(TestData.PatientPhone, call.Phone);

        Assert.True((await App.SendAsync(new LogFollowUpCall.Command(course, 1, 1, CallOutcome.NoAnswer, null))).IsSuccess);
        Assert.Contains((await App.SendAsync(new ListFollowUpCalls.Query())).Value.Due, c => c.CourseId == course && c.Attempts == 1);
        Assert.True((await App.SendAsync(new LogFollowUpCall.Command(course, 1, 1, CallOutcome.Reached, "Mild pain, eating"))).IsSuccess);
        Assert.DoesNotContain((await App.SendAsync(new ListFollowUpCalls.Query())).Value.Due, c => c.CourseId == course);
        Assert.Equal(ErrorKind.Conflict, (await App.SendAsync(new LogFollowUpCall.Command(course, 1, 1, CallOutcome.Reached, null))).Error?.Kind);

        var referralId = (await App.SendAsync(new GetCourse.Query(course))).Value.Sessions[0].ReferralId;
        var timeline = await App.WithDbAsync(db => db.Referrals.AsNoTracking().Include(r => r.Events).SingleAsync(r => r.Id == referralId));
        Assert.Contains(timeline.Events, e => e.Kind == PatientCall.Kind && e.Text == "Day-1 call after session 1: Reached the patient. Note: Mild pain, eating");
        App.Clock.SetUtcNow(new DateTimeOffset(FirstSessionUtc.AddDays(7)));
        Assert.Contains((await App.SendAsync(new ListFollowUpCalls.Query())).Value.Due, c => c.CourseId == course && c.Day == 7);
    }

    [Fact]
    public async Task TheFollowUpWorklist_ListsTheScanDueThenOverdue_ThenReceived_AndTheDoctorIsEmailedWhenDueAndOverdue()
    {
        var course = await CourseWithSessionsAsync(1);
        var sessionId = await App.WithDbAsync(db => db.CourseSessions.Where(s => s.CourseId == course).Select(s => s.Id).SingleAsync());

        App.Clock.SetUtcNow(new DateTimeOffset(FirstSessionUtc.AddDays(21)));
        Assert.Contains((await App.SendAsync(new ListFollowUpScans.Query())).Value.Due.Rows, r => r.CourseId == course);
        var due = await DispatchDueAsync(sessionId, MessageKinds.DoctorFollowUpDue);
        Assert.Contains("Follow-up scan due", due.Subject, StringComparison.Ordinal);
        Assert.Contains($"https://localhost:5001/courses/{course}", due.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(TestData.Diagnosis, due.TextBody, StringComparison.Ordinal);

        App.Clock.SetUtcNow(new DateTimeOffset(FirstSessionUtc.AddDays(43)));
        Assert.Contains((await App.SendAsync(new ListFollowUpScans.Query())).Value.Overdue.Rows, r => r.CourseId == course);
        Assert.Contains("overdue", (await DispatchDueAsync(sessionId, MessageKinds.DoctorFollowUpOverdue)).Subject, StringComparison.Ordinal);

        var before = await App.SendAsync(new RecordFollowUpScan.Command(course, 1, FirstSessionDay, ImagingModality.Ct));
        Assert.Equal(["ScanOn"], before.Error!.FieldErrors.Keys);
        Assert.Contains("must be after session 1", before.Error.FieldErrors["ScanOn"][0], StringComparison.Ordinal);
        Assert.True((await App.SendAsync(new RecordFollowUpScan.Command(course, 1, FirstSessionDay.AddDays(40), ImagingModality.Mri))).IsSuccess);
        var list = (await App.SendAsync(new ListFollowUpScans.Query())).Value;
        Assert.DoesNotContain(list.Overdue.Rows, r => r.CourseId == course);
        Assert.Contains(list.Received.Rows, r => r.CourseId == course && r.Modality == ImagingModality.Mri);
    }

    [Fact]
    public async Task AScanDoneBeforeItsDueDay_SkipsTheDoctorsEmails()
    {
        var course = await CourseWithSessionsAsync(1);
        var sessionId = await App.WithDbAsync(db => db.CourseSessions.Where(s => s.CourseId == course).Select(s => s.Id).SingleAsync());
        App.Clock.SetUtcNow(new DateTimeOffset(FirstSessionUtc.AddDays(15)));
        await App.SendAsync(new RecordFollowUpScan.Command(course, 1, FirstSessionDay.AddDays(14), ImagingModality.Ct));

        App.Clock.SetUtcNow(new DateTimeOffset(FirstSessionUtc.AddDays(50)));
        var ids = await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.SubjectId == sessionId).Select(m => m.Id).ToListAsync());
        foreach (var id in ids)
        {
            Assert.Equal(DispatchOutcome.Skipped, await App.WithServiceAsync<OutboxDispatcher, DispatchOutcome>(d => d.DispatchAsync(id, CancellationToken.None)));
        }
    }

    [Fact]
    public async Task Responses_AreComputedFromTheBaselineAndTheNadir_ShownWithTheirArithmetic_AndTheDoctorIsToldWithoutTheResult()
    {
        var course = await CourseWithSessionsAsync(1);
        AsRadiologist();
        App.Clock.SetUtcNow(new DateTimeOffset(FirstSessionUtc.AddDays(30)));

        var small = await App.SendAsync(new RecordBaseline.Command(course, Baseline(9)));
        Assert.Equal(["Target1Mm"], small.Error!.FieldErrors.Keys);
        var noBaseline = await App.SendAsync(new RecordResponse.Command(course, 1, FollowUp(FirstSessionDay.AddDays(28), 20, 10), null, null));
        Assert.Contains(string.Empty, noBaseline.Error!.FieldErrors.Keys);
        Assert.True((await App.SendAsync(new RecordBaseline.Command(course, Baseline(30, 20)))).IsSuccess);

        var notHappened = await App.SendAsync(new RecordResponse.Command(course, 2, FollowUp(FirstSessionDay.AddDays(28), 20, 10), null, null));
        Assert.Contains("Session 2 has not happened", notHappened.Error!.FieldErrors[string.Empty][0], StringComparison.Ordinal);
        var before = await App.SendAsync(new RecordResponse.Command(course, 1, FollowUp(FirstSessionDay.AddDays(-1), 20, 10), null, null));
        Assert.Equal(["ScanOn"], before.Error!.FieldErrors.Keys);

        var preview = (await App.SendAsync(new ScoreResponse.Query(course, 1, FollowUp(FirstSessionDay.AddDays(28), 21, 14)))).Value;
        Assert.Equal(ResponseCategory.PartialResponse, preview.Response.Category);
        Assert.Contains(preview.Response.Arithmetic, l => l.StartsWith("Change from baseline: \u221230.0 %", StringComparison.Ordinal));
        Assert.Null((await CourseOfAsync(course)).ResponseTo(1));

        Assert.True((await App.SendAsync(new RecordResponse.Command(course, 1, FollowUp(FirstSessionDay.AddDays(28), 21, 14), null, null))).IsSuccess);
        var view = (await App.SendAsync(new GetCourse.Query(course))).Value;
        var reading = view.Sessions[0].Response!;
        Assert.Equal(ResponseCategory.PartialResponse, reading.Category);
        Assert.Equal(new ResponseCriteria().Version, reading.ResponseRuleVersion);
        Assert.Contains(reading.Arithmetic, l => l.StartsWith("Overall response: partial response", StringComparison.Ordinal));
        Assert.Equal([(1, (int?)7, 21, 30), (2, 8, 14, 20)], reading.Targets.Select(t => (t.Number, t.Segment, t.Mm, t.BaselineMm)));
        Assert.True(reading.WithinMilan);
        Assert.Equal(FollowUpStatus.Assessed, view.Sessions[0].FollowUp);

        var sessionId = await App.WithDbAsync(db => db.CourseSessions.Where(s => s.CourseId == course).Select(s => s.Id).SingleAsync());
        var told = await DispatchDueAsync(sessionId, MessageKinds.DoctorResponseRecorded);
        // As whole words: the course link in the body carries a random id, which holds "30" now and then.
        foreach (var secret in new[] { "partial", "PR", "stable", "progress", "30", TestData.Diagnosis })
        {
            Assert.DoesNotMatch($"(?<![A-Za-z0-9]){System.Text.RegularExpressions.Regex.Escape(secret)}(?![A-Za-z0-9])", told.TextBody);
        }
    }

    [Fact]
    public async Task TheNextSession_IsPlannedFromTheLast_NeedsNewLabsAndImaging_IsAssessed_AndBookedLikeAnyOther()
    {
        var course = await CourseWithSessionsAsync(1);
        App.Clock.SetUtcNow(new DateTimeOffset(FirstSessionUtc.AddDays(30)));

        var planned = await App.SendAsync(new PlanNextSession.Command(course, AskDoctorToConfirm: true));
        Assert.True(planned.IsSuccess);
        Assert.Equal(ErrorKind.Conflict, (await App.SendAsync(new PlanNextSession.Command(course, false))).Error?.Kind);
        var referral = await App.WithDbAsync(db => db.Referrals.AsNoTracking().SingleAsync(r => r.Id == planned.Value));
        Assert.Equal(ReferralStatus.Draft, referral.Status);
        Assert.Equal(course, referral.CourseId);
        Assert.NotNull(referral.PatientId);
        var prefilled = QuestionnaireInput.FromJson(referral.QuestionnaireJson);
        Assert.Null(prefilled.BilirubinMgDl);
        Assert.Null(prefilled.LabsDrawnOn);
        Assert.Equal(PrimaryDiagnosis.Hcc, prefilled.Diagnosis);
        Assert.Single(await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.SubjectId == planned.Value && m.Kind == MessageKinds.DoctorNextSessionPlanned).ToListAsync()));

        var stale = await App.SendAsync(new SubmitPlannedSession.Command(planned.Value, Refresh(FirstSessionDay)));
        Assert.Equal(["Refresh.ImagingDoneOn", "Refresh.LabsDrawnOn"], stale.Error!.FieldErrors.Keys.Order());
        var missing = await App.SendAsync(new SubmitPlannedSession.Command(planned.Value, Refresh(FirstSessionDay.AddDays(28)) with { BilirubinMgDl = null }));
        Assert.Contains("Refresh.BilirubinMgDl", missing.Error!.FieldErrors.Keys);

        var sent = await App.SendAsync(new SubmitPlannedSession.Command(planned.Value, Refresh(FirstSessionDay.AddDays(28))));
        Assert.Equal(EligibilityOutcome.Eligible, sent.Value);
        Assert.Equal(ReferralStatus.ReadyToSchedule, await App.WithDbAsync(db => db.Referrals.Where(r => r.Id == planned.Value).Select(r => r.Status).SingleAsync()));

        var booking = await BookAsync(planned.Value, FirstSessionUtc.AddDays(42));
        await CompleteAsync(booking, FirstSessionUtc.AddDays(42));
        Assert.Equal(2, (await CourseOfAsync(course)).Sessions.Count);
    }

    [Fact]
    public async Task TwoSessionsWithoutResponse_FlagTheCourseForTheTumourBoard_OnTheCourseTheBookingFormAndTheList_WithoutBlockingABooking()
    {
        var course = await CourseWithSessionsAsync(3);
        AsRadiologist();
        App.Clock.SetUtcNow(new DateTimeOffset(FirstSessionUtc.AddDays(200)));
        await App.SendAsync(new RecordBaseline.Command(course, Baseline(30, 20)));
        await App.SendAsync(new RecordResponse.Command(course, 1, FollowUp(FirstSessionDay.AddDays(28), 20, 14), null, null));
        await App.SendAsync(new RecordResponse.Command(course, 2, FollowUp(FirstSessionDay.AddDays(56 + 28), 22, 14), null, null));
        Assert.DoesNotContain((await App.SendAsync(new ListTumourBoard.Query())).Value.Rows, r => r.CourseId == course);

        await App.SendAsync(new RecordResponse.Command(course, 3, FollowUp(FirstSessionDay.AddDays(112 + 28), 22, 15), null, null));

        var view = (await App.SendAsync(new GetCourse.Query(course))).Value;
        Assert.True(view.Refractory.Raised);
        Assert.Equal("2 consecutive sessions without an objective response (CR or PR)", view.Refractory.RuleVersion);
        Assert.Contains((await App.SendAsync(new ListTumourBoard.Query())).Value.Rows, r => r.CourseId == course && r.SessionsWithoutResponse == 2);
        Assert.Contains((await App.SendAsync(new ListCourses.Query())).Value.Rows, r => r.Id == course && r.Refractory);

        AsScheduler();
        var next = await App.SendAsync(new PlanNextSession.Command(course, false));
        await App.SendAsync(new SubmitPlannedSession.Command(next.Value, Refresh(FirstSessionDay.AddDays(190))));
        var onTheBookingForm = (await App.SendAsync(new GetReferralPatient.Query(next.Value))).Value.Course!;
        Assert.True(onTheBookingForm.Refractory.Raised);
        var booking = await BookAsync(next.Value, FirstSessionUtc.AddDays(210));
        Assert.NotEqual(Guid.Empty, booking.BookingId);
    }

    [Fact]
    public async Task ThePatientPage_ShowsEveryReferralSessionScanAndResponse_InTimeOrder()
    {
        var course = await CourseWithSessionsAsync(2);
        AsRadiologist();
        App.Clock.SetUtcNow(new DateTimeOffset(FirstSessionUtc.AddDays(120)));
        await App.SendAsync(new RecordBaseline.Command(course, Baseline(30)));
        await App.SendAsync(new RecordResponse.Command(course, 1, FollowUp(FirstSessionDay.AddDays(28), 20), null, null));
        var patientId = (await CourseOfAsync(course)).PatientId;

        var page = (await App.SendAsync(new GetPatient.Query(patientId))).Value;

        Assert.Equal(2, page.Referrals.Count);
        Assert.Single(page.Courses);
        Assert.Equal(page.Timeline.OrderBy(h => h.On).Select(h => h.On), page.Timeline.Select(h => h.On));
        Assert.Equal(2, page.Timeline.Count(h => h.Kind == GetPatient.HappeningKind.Session));
        Assert.Contains(page.Timeline, h => h.Kind == GetPatient.HappeningKind.Response && h.Text.Contains("partial response", StringComparison.Ordinal));
        App.User.SignInAs("user-doctor-x", "x@practice.test", Roles.ReferringPhysician);
        Assert.Equal(ErrorKind.NotFound, (await App.SendAsync(new GetPatient.Query(patientId))).Error?.Kind);
    }

    [Fact]
    public async Task APatientHasAtMostOneActiveCourse_TheDatabaseSaysSo()
    {
        var course = await CourseOfAsync(await CourseWithSessionsAsync(1));

        var second = await App.WithDbAsync(async db =>
        {
            db.TreatmentCourses.Add(TreatmentCourse.Start(course.PatientId, course.DoctorUserId, Now, null));
            try
            {
                await db.SaveChangesAsync();
                return null;
            }
            catch (DbUpdateException ex)
            {
                return ex;
            }
        });

        Assert.NotNull(second);
        Assert.True(App.Services.GetRequiredService<Application.Common.Abstractions.IDatabaseErrors>().IsUniqueViolation(second));
    }

    [Fact]
    public async Task TheCourseStatus_IsAPhysiciansDecision_WithItsHistory_AndListingForTransplantIsOnTheCourse()
    {
        var course = await CourseWithSessionsAsync(1);
        Assert.Equal(ErrorKind.NotFound, (await App.SendAsync(new ChangeCourseState.Command(course, CourseState.Stopped, "x"))).Error?.Kind);
        Assert.True((await App.SendAsync(new SetTransplantListing.Command(course, TransplantListingStatus.Listed, FirstSessionDay))).IsSuccess);

        AsRadiologist();
        Assert.Equal(["Reason"], (await App.SendAsync(new ChangeCourseState.Command(course, CourseState.Stopped, null))).Error!.FieldErrors.Keys);
        Assert.True((await App.SendAsync(new ChangeCourseState.Command(course, CourseState.BridgedToTransplant, "Transplanted"))).IsSuccess);

        var view = (await App.SendAsync(new GetCourse.Query(course))).Value;
        Assert.Equal(CourseState.BridgedToTransplant, view.State);
        Assert.Equal(TransplantListingStatus.Listed, view.TransplantStatus);
        Assert.Contains(view.History, h => h.Kind == "State" && h.Text.Contains("Bridged to transplant", StringComparison.Ordinal));
        var referralId = view.Sessions[0].ReferralId;
        Assert.True(await App.WithDbAsync(db => TransplantListing.IsListedAsync(db, referralId)));
    }

    private static string UniqueName() =>
        "Pat" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsAsciiHexDigitLower).Select(c => (char)('a' + (c % 26))).Take(8));

    private void AsScheduler() => App.User.SignInAs("user-scheduler-course", "sam@clinic.test", Roles.Scheduler);

    private void AsRadiologist() => App.User.SignInAs("user-radiologist-course", "ray@clinic.test", Roles.Radiologist);

    /// <summary>A course whose sessions are eight weeks apart from <see cref="FirstSessionUtc"/>, each a completed booking of its patient.</summary>
    private async Task<Guid> CourseWithSessionsAsync(int sessions)
    {
        var name = UniqueName();
        var first = await TestData.BookAsync(App.Services, FirstSessionUtc, firstName: name);
        await CompleteAsync(first);
        var course = await CourseOfAsync(first.ReferralId);
        for (var i = 1; i < sessions; i++)
        {
            var next = await TestData.BookAsync(App.Services, FirstSessionUtc.AddDays(56 * i), doctorUserId: first.DoctorUserId, firstName: name);
            await App.SendAsync(new LinkReferralToPatient.Command(next.ReferralId, course.PatientId));
            await CompleteAsync(next);
        }

        return course.Id;
    }

    private async Task CompleteAsync(BookedAppointment booked, DateTime? startUtc = null)
    {
        var start = startUtc ?? await App.WithDbAsync(db => db.Slots.Where(s => s.Id == booked.SlotId).Select(s => s.StartUtc).SingleAsync());
        App.Clock.SetUtcNow(new DateTimeOffset(start.AddHours(2)));
        var result = await App.SendAsync(new RecordOutcome.Command(booked.BookingId, ProcedureOutcome.Completed));
        Assert.True(result.IsSuccess, result.Error?.Message);
    }

    /// <summary>Books a ready referral into a new slot as the booking use case does.</summary>
    private async Task<BookedAppointment> BookAsync(Guid referralId, DateTime startUtc)
    {
        var roomId = await TestData.AddRoomAsync(App.Services);
        var slot = TestData.Slot(roomId, ClinicTime, startUtc, Now);
        await App.WithDbAsync(db =>
        {
            db.Slots.Add(slot);
            return db.SaveChangesAsync();
        });
        var booked = await App.SendAsync(new BookSlot.Command(referralId, slot.Id, "Course contract: inside the lead time on purpose"));
        Assert.True(booked.IsSuccess, booked.Error?.Message);
        return new BookedAppointment(booked.Value, referralId, slot.Id, roomId, string.Empty, string.Empty);
    }

    private Task<TreatmentCourse> CourseOfAsync(Guid referralOrCourseId) => App.WithDbAsync(db => db.TreatmentCourses.AsNoTracking()
        .Include(c => c.Sessions).ThenInclude(s => s.Calls)
        .Include(c => c.Assessments)
        .SingleAsync(c => c.Id == referralOrCourseId || c.Sessions.Any(s => s.ReferralId == referralOrCourseId)
            || db.Referrals.Any(r => r.Id == referralOrCourseId && r.PatientId == c.PatientId)));

    private async Task<MimeMessage> DispatchDueAsync(Guid subjectId, string kind)
    {
        var id = await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.SubjectId == subjectId && m.Kind == kind).Select(m => m.Id).SingleAsync());
        Assert.Equal(DispatchOutcome.Sent, await App.WithServiceAsync<OutboxDispatcher, DispatchOutcome>(d => d.DispatchAsync(id, CancellationToken.None)));
        return Assert.Single(await Smtp.WaitForAsync(1), m => m.MessageId == $"{id:N}@tace-scheduling.local");
    }

    private static ReadingInput Baseline(params int[] targets) => new()
    {
        ScanOn = FirstSessionDay.AddDays(-10),
        Modality = ImagingModality.Ct,
        Target1Mm = targets[0],
        Target1Segment = 7,
        Target2Mm = targets.Length > 1 ? targets[1] : null,
        Target2Segment = targets.Length > 1 ? 8 : null,
        NonTarget = NonTargetStatus.None,
    };

    private static ReadingInput FollowUp(DateOnly on, params int[] targets) => new()
    {
        ScanOn = on,
        Modality = ImagingModality.Ct,
        Target1Mm = targets[0],
        Target2Mm = targets.Length > 1 ? targets[1] : null,
        NonTarget = NonTargetStatus.None,
    };

    private static SubmitPlannedSession.RefreshInput Refresh(DateOnly testedOn) => SubmitPlannedSession.RefreshInput.From(TestData.EligibleQuestionnaire(testedOn)) with
    {
        LabsDrawnOn = testedOn,
        ImagingDoneOn = testedOn,
    };
}
