using Scheduling.Domain.Common;
using Scheduling.Domain.Courses;
using Scheduling.Domain.Referrals;

namespace Scheduling.UnitTests.Courses;

/// <summary>The course aggregate: sessions from completed bookings, what follows each, the readings and what is computed from them.</summary>
public sealed class TreatmentCourseTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 14, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Session1Day = new(2026, 3, 2);
    private static readonly CoursePolicy Policy = new();
    private static readonly ResponseCriteria Response = new();
    private static readonly TransplantCriteria TransplantRules = new();
    private static readonly Actor Radiologist = new("Dr. Ray Diologist", "user-ray");

    private static TreatmentCourse CourseWithSessions(int sessions, int daysApart = 56)
    {
        var course = TreatmentCourse.Start(Guid.NewGuid(), "doctor-1", Now, null);
        for (var i = 0; i < sessions; i++)
        {
            var day = Session1Day.AddDays(i * daysApart);
            course.RecordSession(Guid.NewGuid(), Guid.NewGuid(), "doctor-1", Now.AddDays(i * daysApart), day, Policy, Now.AddDays(i * daysApart), "Scheduler");
        }

        return course;
    }

    private static ScanFindings Findings(DateOnly on, int[] targets, int[]? segments = null, bool newLesion = false, string? others = null, NonTargetStatus nonTarget = NonTargetStatus.None) =>
        new(on, ImagingModality.Ct, targets, segments, newLesion, nonTarget, LesionAssessment.TryParseLesions(others)!, false, false, null);

    private static TreatmentCourse WithBaseline(int sessions, params int[] targets)
    {
        var course = CourseWithSessions(sessions);
        course.RecordBaseline(Findings(Session1Day.AddDays(-10), targets, [.. targets.Select((_, i) => 7 - i)]), Response, TransplantRules, Session1Day, Now, Radiologist);
        return course;
    }

    [Fact]
    public void ASession_HasItsCallsAndItsFollowUpScanDue_ByThePolicy()
    {
        var course = CourseWithSessions(1);

        var session = Assert.Single(course.Sessions);
        Assert.Equal(1, session.Number);
        Assert.Equal([1, 7], session.Calls.Select(c => c.Day));
        Assert.Equal([Session1Day.AddDays(1), Session1Day.AddDays(7)], session.Calls.Select(c => c.DueOn));
        Assert.Equal(Session1Day.AddDays(28), session.FollowUpDueOn);
        Assert.Equal(Session1Day.AddDays(21), session.FollowUpWindowStart);
        Assert.Equal(Session1Day.AddDays(42), session.FollowUpWindowEnd);
        Assert.Equal(FollowUpStatus.Upcoming, session.FollowUpStatusOn(Session1Day.AddDays(20)));
        Assert.Equal(FollowUpStatus.Due, session.FollowUpStatusOn(Session1Day.AddDays(21)));
        Assert.Equal(FollowUpStatus.Due, session.FollowUpStatusOn(Session1Day.AddDays(42)));
        Assert.Equal(FollowUpStatus.Overdue, session.FollowUpStatusOn(Session1Day.AddDays(43)));
        Assert.Contains(course.Events, e => e.Kind == "SessionDone");
    }

    [Fact]
    public void TheFollowUpWindow_AndTheCallDays_AreTheClinics()
    {
        var policy = new CoursePolicy { FollowUpDueDays = 35, FollowUpWindowStartDays = 28, FollowUpWindowEndDays = 49, CallDays = [2] };
        var course = TreatmentCourse.Start(Guid.NewGuid(), "doctor-1", Now, null);

        var session = course.RecordSession(Guid.NewGuid(), Guid.NewGuid(), "doctor-1", Now, Session1Day, policy, Now, null);

        Assert.Equal(Session1Day.AddDays(35), session.FollowUpDueOn);
        Assert.Equal(Session1Day.AddDays(49), session.FollowUpWindowEnd);
        Assert.Equal([2], session.Calls.Select(c => c.Day));
        Assert.NotEmpty(new CoursePolicy { FollowUpWindowStartDays = 30 }.Validate());
    }

    [Fact]
    public void OneBooking_IsOneSession_AndAClosedCourseTakesNoSession()
    {
        var course = CourseWithSessions(1);
        var booking = course.Sessions[0].BookingId;

        Assert.Throws<DomainException>(() => course.RecordSession(booking, Guid.NewGuid(), "doctor-1", Now, Session1Day, Policy, Now, null));
        course.ChangeState(CourseState.CompleteResponse, null, Now, Radiologist);
        Assert.Throws<DomainException>(() => course.RecordSession(Guid.NewGuid(), Guid.NewGuid(), "doctor-1", Now, Session1Day, Policy, Now, null));
    }

    [Fact]
    public void ADischarge_OtherThanSameDay_NeedsAReason_AndHoursAreChecked()
    {
        Assert.Contains(CourseSession.CheckDischarge(DischargeKind.UnplannedAdmission, null, 30), p => p.Field == "Reason");
        Assert.Contains(CourseSession.CheckDischarge(DischargeKind.SameDay, null, 0), p => p.Field == "HoursToDischarge");
        Assert.Contains(CourseSession.CheckDischarge(DischargeKind.SameDay, null, 26), p => p.Field == "HoursToDischarge");
        Assert.Empty(CourseSession.CheckDischarge(DischargeKind.SameDay, null, 3.5m));

        var course = CourseWithSessions(1);
        course.RecordDischarge(1, DischargeKind.PlannedOvernight, "Pain needing IV analgesia", 20, Now, "Nurse");
        Assert.Equal(DischargeKind.PlannedOvernight, course.Sessions[0].DischargeKind);
        Assert.Contains(course.Events, e => e.Text == "Session 1: discharge recorded, planned overnight stay after 20 h (Pain needing IV analgesia).");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void AnAdverseEventGradeOutside1To5_IsRefusedNextToTheGrade(int grade)
    {
        var course = CourseWithSessions(1);

        var problems = course.Sessions[0].CheckAdverseEvent("Abdominal pain", grade, Session1Day, Session1Day);

        Assert.Equal("Grade", Assert.Single(problems).Field);
        Assert.Throws<DomainException>(() => course.AddAdverseEvent(1, "Abdominal pain", grade, Session1Day, Attribution.Probable, false, Session1Day, Now, Radiologist));
    }

    [Fact]
    public void AnAdverseEvent_BeforeItsSessionOrInTheFuture_IsRefused()
    {
        var course = CourseWithSessions(1);

        Assert.Equal("OnsetOn", Assert.Single(course.Sessions[0].CheckAdverseEvent("Fever", 2, Session1Day.AddDays(-1), Session1Day)).Field);
        Assert.Equal("OnsetOn", Assert.Single(course.Sessions[0].CheckAdverseEvent("Fever", 2, Session1Day.AddDays(2), Session1Day.AddDays(1))).Field);
        course.AddAdverseEvent(1, "Fever", 2, Session1Day.AddDays(1), Attribution.Probable, false, Session1Day.AddDays(1), Now, Radiologist);
        Assert.Equal(2, Assert.Single(course.Sessions[0].AdverseEvents).Grade);
    }

    [Fact]
    public void ACall_StaysOnTheListUntilThePatientIsReached()
    {
        var course = CourseWithSessions(1);

        var call = course.LogCall(1, 1, CallOutcome.NoAnswer, Now, "Sam");
        Assert.False(call.IsDone);
        Assert.Equal(1, call.Attempts);
        call = course.LogCall(1, 1, CallOutcome.Reached, Now, "Sam");
        Assert.True(call.IsDone);
        Assert.Equal(2, call.Attempts);
        Assert.Throws<DomainException>(() => course.LogCall(1, 1, CallOutcome.Reached, Now, "Sam"));
    }

    [Fact]
    public void AFollowUpScanBeforeItsSession_IsRefused()
    {
        var course = CourseWithSessions(1);
        var session = course.Sessions[0];

        Assert.Equal("ScanOn", session.CheckScanDate("ScanOn", Session1Day, Session1Day.AddDays(30))!.Field);
        Assert.Equal("ScanOn", session.CheckScanDate("ScanOn", Session1Day.AddDays(-3), Session1Day.AddDays(30))!.Field);
        Assert.Null(session.CheckScanDate("ScanOn", Session1Day.AddDays(27), Session1Day.AddDays(30)));
        Assert.Throws<DomainException>(() => course.RecordFollowUpScan(1, Session1Day, ImagingModality.Ct, Session1Day.AddDays(30), Now, "Sam"));
    }

    [Fact]
    public void ABaselineTargetUnder10mm_IsRefusedNextToThatTarget()
    {
        var course = CourseWithSessions(1);

        var problems = course.CheckBaseline(Findings(Session1Day.AddDays(-5), [25, 9], [7, 8]), Response, Session1Day);

        var problem = Assert.Single(problems);
        Assert.Equal("Target2Mm", problem.Field);
        Assert.Contains("at least 10 mm", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABaseline_NeedsASegmentPerTarget_AndComesBeforeSession1()
    {
        var course = CourseWithSessions(1);

        Assert.Contains(course.CheckBaseline(Findings(Session1Day.AddDays(-5), [25], null), Response, Session1Day), p => p.Field == "Target1Segment");
        Assert.Contains(course.CheckBaseline(Findings(Session1Day.AddDays(1), [25], [7]), Response, Session1Day.AddDays(2)), p => p.Field == "ScanOn");
    }

    [Fact]
    public void AResponseForASessionThatHasNotHappened_IsRefused()
    {
        var course = WithBaseline(1, 30, 20);

        var problem = Assert.Single(course.CheckResponse(2, Findings(Session1Day.AddDays(28), [20, 10]), null, null, Session1Day.AddDays(30)));

        Assert.Contains("Session 2 has not happened", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AResponse_NeedsABaseline_TheSameTargets_AndAReasonToOverride()
    {
        var noBaseline = CourseWithSessions(1);
        Assert.Contains(noBaseline.CheckResponse(1, Findings(Session1Day.AddDays(28), [20]), null, null, Session1Day.AddDays(30)), p => p.Message.Contains("baseline", StringComparison.Ordinal));

        var course = WithBaseline(1, 30, 20);
        Assert.Contains(course.CheckResponse(1, Findings(Session1Day.AddDays(28), [20]), null, null, Session1Day.AddDays(30)), p => p.Field == "Target1Mm");
        Assert.Contains(course.CheckResponse(1, Findings(Session1Day.AddDays(28), [20, 10]), ResponseCategory.StableDisease, " ", Session1Day.AddDays(30)), p => p.Field == "OverrideReason");
        Assert.Contains(course.CheckResponse(1, Findings(Session1Day, [20, 10]), null, null, Session1Day.AddDays(30)), p => p.Field == "ScanOn");
    }

    [Fact]
    public void Responses_AreScoredAgainstTheBaselineAndTheNadir_AndRaiseTheRefractoryFlag()
    {
        var course = WithBaseline(3, 30, 20);
        var today = Session1Day.AddDays(200);

        course.RecordResponse(1, Findings(Session1Day.AddDays(28), [20, 10]), null, null, Response, TransplantRules, Policy, today, Now, Radiologist);
        course.RecordResponse(2, Findings(Session1Day.AddDays(56 + 28), [22, 10]), null, null, Response, TransplantRules, Policy, today, Now, Radiologist);
        Assert.False(course.Refractoriness(Policy).Raised);
        course.RecordResponse(3, Findings(Session1Day.AddDays(112 + 28), [23, 11]), null, null, Response, TransplantRules, Policy, today, Now, Radiologist);

        Assert.Equal([ResponseCategory.PartialResponse, ResponseCategory.PartialResponse, ResponseCategory.PartialResponse], course.Responses());
        Assert.Equal(30, course.ResponseTo(3)!.NadirSumMm);
        Assert.False(course.Refractoriness(Policy).Raised);
        Assert.Equal(FollowUpStatus.Assessed, course.Sessions[2].FollowUpStatusOn(today));
    }

    [Fact]
    public void StableTwiceAfterAPartialResponse_RaisesTheFlag_AndAnOverrideIsTheCategoryThatCounts()
    {
        var course = WithBaseline(3, 30, 20);
        var today = Session1Day.AddDays(200);

        course.RecordResponse(1, Findings(Session1Day.AddDays(28), [20, 14]), null, null, Response, TransplantRules, Policy, today, Now, Radiologist); // 50 -> 34: PR
        course.RecordResponse(2, Findings(Session1Day.AddDays(56 + 28), [22, 14]), null, null, Response, TransplantRules, Policy, today, Now, Radiologist); // 36: SD
        course.RecordResponse(3, Findings(Session1Day.AddDays(112 + 28), [22, 15]), null, null, Response, TransplantRules, Policy, today, Now, Radiologist); // 37: SD

        Assert.True(course.Refractoriness(Policy).Raised);
        Assert.Contains(course.Events, e => e.Kind == "Refractoriness" && e.Text.StartsWith("Consider tumour board / systemic therapy: 2 consecutive sessions", StringComparison.Ordinal));
        Assert.True(TreatmentCourse.FlaggedBy(Policy).Compile()(course));

        course.RecordResponse(3, Findings(Session1Day.AddDays(112 + 28), [22, 15]), ResponseCategory.PartialResponse, "Necrosis on the MRI; the CT overestimates", Response, TransplantRules, Policy, today, Now, Radiologist);

        Assert.Equal(ResponseCategory.StableDisease, course.ResponseTo(3)!.ComputedCategory);
        Assert.Equal(ResponseCategory.PartialResponse, course.ResponseTo(3)!.Category);
        Assert.False(course.Refractoriness(Policy).Raised);
        Assert.Contains(course.Events, e => e.Text.Contains("overridden from the computed stable disease (SD)", StringComparison.Ordinal));
    }

    [Fact]
    public void OnlyTheLatestResponse_MayBeCorrected_AndTheBaselineIsFixedOnceUsed()
    {
        var course = WithBaseline(2, 30);
        var today = Session1Day.AddDays(200);
        course.RecordResponse(1, Findings(Session1Day.AddDays(28), [20]), null, null, Response, TransplantRules, Policy, today, Now, Radiologist);
        course.RecordResponse(2, Findings(Session1Day.AddDays(56 + 28), [20]), null, null, Response, TransplantRules, Policy, today, Now, Radiologist);

        Assert.NotEmpty(course.CheckResponse(1, Findings(Session1Day.AddDays(28), [21]), null, null, today));
        Assert.NotEmpty(course.CheckBaseline(Findings(Session1Day.AddDays(-10), [31], [7]), Response, today));
    }

    [Fact]
    public void BeyondMilanAtBaseline_BackWithinAfterTreatment_IsSuccessfulDownstaging()
    {
        var course = CourseWithSessions(1);
        course.RecordBaseline(Findings(Session1Day.AddDays(-10), [62], [8]), Response, TransplantRules, Session1Day, Now, Radiologist);
        Assert.Equal(DownstagingStatus.Eligible, course.Baseline!.Downstaging);

        course.RecordResponse(1, Findings(Session1Day.AddDays(28), [28], others: "12"), null, null, Response, TransplantRules, Policy, Session1Day.AddDays(30), Now, Radiologist);

        Assert.True(course.LatestReading!.WithinMilan);
        Assert.True(course.Downstaged);
    }

    [Fact]
    public void TheCourseStatus_ChangesWithItsHistory_StoppingAndReopeningNeedAReason()
    {
        var course = CourseWithSessions(1);

        Assert.Equal("Reason", course.CheckStateChange(CourseState.Stopped, null)!.Field);
        Assert.Equal("State", course.CheckStateChange(CourseState.Active, "x")!.Field);
        course.ChangeState(CourseState.MovedToSystemicTherapy, "Tumour board: atezolizumab-bevacizumab", Now, Radiologist);
        Assert.False(course.IsActive);
        Assert.NotNull(course.ClosedAtUtc);
        Assert.Equal("Reason", course.CheckStateChange(CourseState.Active, null)!.Field);
        course.ChangeState(CourseState.Active, "Closed by mistake", Now, Radiologist);
        Assert.True(course.IsActive);
        Assert.Equal(2, course.Events.Count(e => e.Kind == "State"));
    }

    [Fact]
    public void PlannedLabsAndImaging_MustBeNewerThanTheLastSession()
    {
        var course = CourseWithSessions(2);
        var last = course.LastSession!.PerformedOn;

        var problems = course.CheckRefreshed("Labs", last, "Imaging", last.AddDays(-1));

        Assert.Equal(["Labs", "Imaging"], problems.Select(p => p.Field));
        Assert.Empty(course.CheckRefreshed("Labs", last.AddDays(1), "Imaging", last.AddDays(20)));
    }

    [Fact]
    public void TransplantListing_NeedsItsDate()
    {
        var course = CourseWithSessions(1);

        Assert.Equal("ListedOn", TreatmentCourse.CheckTransplantListing(TransplantListingStatus.Listed, null, Session1Day)!.Field);
        course.SetTransplantListing(TransplantListingStatus.Listed, Session1Day, Session1Day, Now, "Coordinator");
        Assert.True(course.IsListedForTransplant);
        Assert.Equal(Session1Day, course.ListedOn);
    }
}
