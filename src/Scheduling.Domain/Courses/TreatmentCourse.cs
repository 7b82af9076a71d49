using System.Linq.Expressions;

using Scheduling.Domain.Common;
using Scheduling.Domain.Referrals;

namespace Scheduling.Domain.Courses;

/// <summary>
/// One patient's course of liver-directed treatment: repeated chemoembolization sessions (each a
/// completed booking), what followed each (discharge, adverse events, calls, the follow-up scan) and
/// the scans read against the baseline. It computes, from what was recorded, each response (mRECIST),
/// the transplant criteria and the refractoriness flag; it never decides for the physicians, and every
/// change goes on its history with who made it.
/// </summary>
/// <remarks>
/// A patient has at most one active course (a filtered unique index). A completed booking is added
/// to the patient's active course, or starts one (<see cref="RecordSession"/>). Each change touches
/// <see cref="Version"/>, so two people editing one course at once cannot both win.
/// </remarks>
public sealed class TreatmentCourse : Entity
{
    public const int ReasonMaxLength = 1000;

    private readonly List<CourseSession> _sessions = [];
    private readonly List<LesionAssessment> _assessments = [];
    private readonly List<CourseEvent> _events = [];

    private TreatmentCourse()
    {
        DoctorUserId = string.Empty;
    }

    public Guid PatientId { get; private set; }

    /// <summary>The referring doctor of the course's first session; they see the course and get its emails.</summary>
    public string DoctorUserId { get; private set; }

    public CourseState State { get; private set; }

    public string? StateReason { get; private set; }

    public DateTime StartedAtUtc { get; private set; }

    public DateTime? ClosedAtUtc { get; private set; }

    public TransplantListingStatus TransplantStatus { get; private set; }

    public DateOnly? ListedOn { get; private set; }

    /// <summary>How many sessions the course has had (kept with the course so lists need not count them).</summary>
    public int SessionCount { get; private set; }

    /// <summary>The clinic day of the latest session; lists of courses are ordered by it.</summary>
    public DateOnly? LastSessionOn { get; private set; }

    /// <summary>
    /// Assessed sessions without an objective response, counted back from the latest (<see cref="Refractoriness.Run"/>),
    /// kept so the tumour-board list can ask the database; the flag itself applies the clinic's rule to it when read.
    /// </summary>
    public int SessionsWithoutResponse { get; private set; }

    /// <summary>The same run, counting only sessions followed by progressive disease.</summary>
    public int SessionsWithProgression { get; private set; }

    public Guid Version { get; private set; } = Guid.NewGuid();

    public IReadOnlyList<CourseSession> Sessions => _sessions;

    public IReadOnlyList<LesionAssessment> Assessments => _assessments;

    public IReadOnlyList<CourseEvent> Events => _events;

    public bool IsActive => State == CourseState.Active;

    public bool IsListedForTransplant => TransplantStatus == TransplantListingStatus.Listed;

    public LesionAssessment? Baseline => _assessments.SingleOrDefault(a => a.IsBaseline);

    public CourseSession? LastSession => _sessions.MaxBy(s => s.Number);

    public static TreatmentCourse Start(Guid patientId, string doctorUserId, DateTime nowUtc, Actor? actor)
    {
        var course = new TreatmentCourse
        {
            PatientId = patientId,
            DoctorUserId = doctorUserId,
            State = CourseState.Active,
            StartedAtUtc = nowUtc,
        };
        course.AddEvent(nowUtc, "Started", "Treatment course started.", actor);
        return course;
    }

    public CourseSession Session(int number) =>
        _sessions.SingleOrDefault(s => s.Number == number) ?? throw new DomainException($"The course has no session {number}.");

    public CourseSession? FindSession(int number) => _sessions.SingleOrDefault(s => s.Number == number);

    public LesionAssessment? ResponseTo(int sessionNumber) => _assessments.SingleOrDefault(a => a.AfterSession == sessionNumber && sessionNumber > 0);

    /// <summary>A completed booking becomes the course's next session, with its calls and follow-up scan due.</summary>
    public CourseSession RecordSession(Guid bookingId, Guid referralId, string doctorUserId, DateTime performedAtUtc, DateOnly performedOn, CoursePolicy policy, DateTime nowUtc, Actor? actor)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!IsActive)
        {
            throw new DomainException($"A session is added only to an active course; this one is {State}.");
        }

        if (_sessions.Any(s => s.BookingId == bookingId))
        {
            throw new DomainException("This booking is already a session of the course.");
        }

        var session = CourseSession.Create(Id, _sessions.Count + 1, bookingId, referralId, doctorUserId, performedAtUtc, performedOn, policy);
        _sessions.Add(session);
        SessionCount = _sessions.Count;
        LastSessionOn = LastSessionOn is { } last && last > performedOn ? last : performedOn;
        AddEvent(nowUtc, "SessionDone", $"Session {session.Number} done (referral {Referral.ReferenceOf(referralId)}).", actor);
        Touch();
        return session;
    }

    public void RecordDischarge(int sessionNumber, DischargeKind kind, string? reason, decimal hoursToDischarge, DateTime nowUtc, Actor actor)
    {
        var session = Session(sessionNumber);
        var corrected = session.DischargeKind is not null;
        session.RecordDischarge(kind, reason, hoursToDischarge, nowUtc);
        AddEvent(nowUtc, "Discharge", $"Session {sessionNumber}: {(corrected ? "discharge corrected" : "discharge recorded")}, {Describe(kind)} after {hoursToDischarge:0.#} h"
            + (session.DischargeReason is { } why ? $" ({why})." : "."), actor);
        Touch();
    }

    public AdverseEvent AddAdverseEvent(int sessionNumber, string term, int grade, DateOnly onsetOn, Attribution attribution, bool serious, DateOnly today, DateTime nowUtc, Actor actor)
    {
        var adverseEvent = Session(sessionNumber).AddAdverseEvent(term, grade, onsetOn, attribution, serious, today, nowUtc, actor);
        AddEvent(nowUtc, "AdverseEvent", $"Session {sessionNumber}: adverse event {adverseEvent.Term}, CTCAE grade {grade}{(serious ? ", serious" : string.Empty)}.", actor);
        Touch();
        return adverseEvent;
    }

    public SessionCall LogCall(int sessionNumber, int day, CallOutcome outcome, DateTime nowUtc, Actor actor)
    {
        var call = Session(sessionNumber).LogCall(day, outcome, nowUtc);
        AddEvent(nowUtc, "Call", $"Session {sessionNumber}: day-{day} call, {PatientCall.Describe(outcome).ToLowerInvariant()}{(call.IsDone ? "." : "; to try again.")}", actor);
        Touch();
        return call;
    }

    public void RecordFollowUpScan(int sessionNumber, DateOnly scanOn, ImagingModality modality, DateOnly today, DateTime nowUtc, Actor actor)
    {
        Session(sessionNumber).RecordScan(scanOn, modality, today);
        AddEvent(nowUtc, "ScanReceived", $"Session {sessionNumber}: follow-up {(modality == ImagingModality.Ct ? "CT" : "MRI")} received.", actor);
        Touch();
    }

    public void WaiveFollowUp(int sessionNumber, string reason, DateTime nowUtc, Actor actor)
    {
        var why = RequireText(reason, "Not doing the follow-up scan needs a reason.");
        Session(sessionNumber).WaiveFollowUp(why);
        AddEvent(nowUtc, "FollowUpWaived", $"Session {sessionNumber}: follow-up scan not needed: {why}", actor);
        Touch();
    }

    /// <summary>Problems with a baseline reading (the pre-treatment scan that chooses the targets).</summary>
    public IReadOnlyList<RuleProblem> CheckBaseline(ScanFindings findings, ResponseCriteria criteria, DateOnly today, Func<DateOnly, string>? day = null)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(criteria);
        var problems = CheckCommon(findings, today);
        if (_assessments.Any(a => !a.IsBaseline))
        {
            problems.Add(new RuleProblem(string.Empty, "The baseline cannot change once a follow-up has been assessed against it."));
        }

        if (findings.TargetsMm.Count is < 1 or > ResponseCriteria.MaxTargets)
        {
            problems.Add(new RuleProblem("Target1Mm", "Record one or two target lesions."));
        }

        for (var i = 0; i < findings.TargetsMm.Count && i < ResponseCriteria.MaxTargets; i++)
        {
            var mm = findings.TargetsMm[i];
            if (mm < criteria.TargetMinimumMm)
            {
                problems.Add(new RuleProblem($"Target{i + 1}Mm",
                    $"A target lesion measures at least {criteria.TargetMinimumMm} mm of viable tumour; follow a smaller one as a non-target lesion."));
            }
            else if (mm > ScanFindings.MaxDiameterMm)
            {
                problems.Add(new RuleProblem($"Target{i + 1}Mm", $"A diameter is at most {ScanFindings.MaxDiameterMm} mm."));
            }

            if (findings.TargetSegments is not { } segments || segments.Count <= i || segments[i] is < 1 or > 8)
            {
                problems.Add(new RuleProblem($"Target{i + 1}Segment", "Choose the liver segment (I to VIII) of the target."));
            }
        }

        if (findings.NonTarget is not (NonTargetStatus.None or NonTargetStatus.Persisting))
        {
            problems.Add(new RuleProblem("NonTarget", "At baseline, non-target lesions are either present or not."));
        }

        if (_sessions.MinBy(s => s.Number) is { } first && findings.ScanOn > first.PerformedOn)
        {
            problems.Add(new RuleProblem("ScanOn", $"The baseline scan is the one before session 1 ({(day ?? CourseSession.Format)(first.PerformedOn)})."));
        }

        return problems;
    }

    /// <summary>Records (or corrects) the baseline: the targets every follow-up is measured against.</summary>
    public LesionAssessment RecordBaseline(ScanFindings findings, ResponseCriteria criteria, TransplantCriteria transplantCriteria, DateOnly today, DateTime nowUtc, Actor actor)
    {
        Require(CheckBaseline(findings, criteria, today));
        var assessment = Baseline;
        var corrected = assessment is not null;
        if (assessment is null)
        {
            assessment = LesionAssessment.Create(Id, 0);
            _assessments.Add(assessment);
        }

        var transplant = Transplant.Evaluate(findings.Burden, transplantCriteria);
        assessment.Apply(findings, response: null, overrideCategory: null, overrideReason: null, transplant, nowUtc, actor);
        AddEvent(nowUtc, "Baseline", $"Baseline {(corrected ? "corrected" : "recorded")}: {findings.TargetsMm.Count} target lesion{(findings.TargetsMm.Count == 1 ? string.Empty : "s")}, sum {findings.TargetsMm.Sum()} mm. {transplant.MilanReason}", actor);
        Touch();
        return assessment;
    }

    /// <summary>Problems with the reading of the follow-up scan after session <paramref name="sessionNumber"/>.</summary>
    public IReadOnlyList<RuleProblem> CheckResponse(int sessionNumber, ScanFindings findings, ResponseCategory? overrideCategory, string? overrideReason, DateOnly today, Func<DateOnly, string>? day = null)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var session = FindSession(sessionNumber);
        if (session is null)
        {
            return [new RuleProblem(string.Empty, $"Session {sessionNumber} has not happened: a response is recorded after a completed session.")];
        }

        var problems = CheckCommon(findings, today);
        if (Baseline is not { } baseline)
        {
            problems.Add(new RuleProblem(string.Empty, "Record the baseline scan (the target lesions) first."));
            return problems;
        }

        if (_assessments.Any(a => a.AfterSession > sessionNumber))
        {
            problems.Add(new RuleProblem(string.Empty, "A later session's response is already recorded; only the latest response can be recorded or corrected."));
        }

        if (session.CheckScanDate("ScanOn", findings.ScanOn, today, day) is { } dateProblem)
        {
            problems.Add(dateProblem);
        }
        else if (FindSession(sessionNumber + 1) is { } next && findings.ScanOn > next.PerformedOn)
        {
            problems.Add(new RuleProblem("ScanOn", $"This scan is after session {next.Number} ({(day ?? CourseSession.Format)(next.PerformedOn)}); record it as that session's follow-up."));
        }

        if (findings.TargetsMm.Count != baseline.TargetsMm.Count)
        {
            problems.Add(new RuleProblem("Target1Mm", $"Measure the same {baseline.TargetsMm.Count} target lesion{(baseline.TargetsMm.Count == 1 ? string.Empty : "s")} as the baseline."));
        }

        for (var i = 0; i < findings.TargetsMm.Count; i++)
        {
            if (findings.TargetsMm[i] is < 0 or > ScanFindings.MaxDiameterMm)
            {
                problems.Add(new RuleProblem($"Target{i + 1}Mm", $"A viable diameter is 0 (no enhancement left) to {ScanFindings.MaxDiameterMm} mm."));
            }
        }

        if (overrideCategory is not null && string.IsNullOrWhiteSpace(overrideReason))
        {
            problems.Add(new RuleProblem("OverrideReason", "Give the reason for overriding the computed category."));
        }

        if (overrideReason?.Trim().Length > LesionAssessment.ReasonMaxLength)
        {
            problems.Add(new RuleProblem("OverrideReason", $"The reason can be at most {LesionAssessment.ReasonMaxLength} characters."));
        }

        return problems;
    }

    /// <summary>What the findings would be scored as, without recording anything (the form's preview and the record use the same computation).</summary>
    public MrecistResult ScoreResponse(int sessionNumber, ScanFindings findings, ResponseCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var baseline = Baseline ?? throw new DomainException("The course has no baseline.");
        var earlier = _assessments.Where(a => a.AfterSession > 0 && a.AfterSession < sessionNumber).OrderBy(a => a.AfterSession).Select(a => a.CurrentSumMm).ToList();
        return Mrecist.Evaluate(new MrecistInput(baseline.TargetsMm, earlier, findings.TargetsMm, findings.NewLesion, findings.NonTarget), criteria);
    }

    /// <summary>The follow-up after a session read and scored: the category is computed here, from the baseline and the nadir, and may be overridden with a reason.</summary>
    public LesionAssessment RecordResponse(
        int sessionNumber,
        ScanFindings findings,
        ResponseCategory? overrideCategory,
        string? overrideReason,
        ResponseCriteria criteria,
        TransplantCriteria transplantCriteria,
        CoursePolicy policy,
        DateOnly today,
        DateTime nowUtc,
        Actor actor)
    {
        Require(CheckResponse(sessionNumber, findings, overrideCategory, overrideReason, today));
        var wasFlagged = Refractoriness(policy).Raised;
        var session = Session(sessionNumber);
        var response = ScoreResponse(sessionNumber, findings, criteria);
        var transplant = Transplant.Evaluate(findings.Burden, transplantCriteria);
        var assessment = ResponseTo(sessionNumber);
        var corrected = assessment is not null;
        if (assessment is null)
        {
            assessment = LesionAssessment.Create(Id, sessionNumber);
            _assessments.Add(assessment);
        }

        assessment.Apply(findings, response, overrideCategory, overrideReason, transplant, nowUtc, actor);
        session.RecordScan(findings.ScanOn, findings.Modality, today);
        session.MarkAssessed(nowUtc);
        var responses = Responses();
        SessionsWithoutResponse = Courses.Refractoriness.Run(responses, RefractoryRule.NoObjectiveResponse);
        SessionsWithProgression = Courses.Refractoriness.Run(responses, RefractoryRule.Progression);
        var category = overrideCategory is { } chosen
            ? $"{Mrecist.Describe(chosen)}, overridden from the computed {Mrecist.Describe(response.Category)}: {overrideReason!.Trim()}"
            : Mrecist.Describe(response.Category);
        AddEvent(nowUtc, "Response", $"Session {sessionNumber}: response {(corrected ? "corrected" : "recorded")}, {category}. {transplant.MilanReason}", actor);
        var flag = Refractoriness(policy);
        if (flag.Raised != wasFlagged)
        {
            AddEvent(nowUtc, "Refractoriness", flag.Raised
                ? $"{RefractoryFlag.Advice}: {flag.Reason} Rule: {flag.RuleVersion}."
                : $"Refractoriness flag lifted: {flag.Reason}", actor);
        }

        Touch();
        return assessment;
    }

    /// <summary>Each session's response (the category that counts), in session order; null where not assessed.</summary>
    public IReadOnlyList<ResponseCategory?> Responses() =>
        _sessions.OrderBy(s => s.Number).Select(s => ResponseTo(s.Number)?.Category).ToList();

    public RefractoryFlag Refractoriness(CoursePolicy policy) => RefractoryFlagFor(SessionsWithoutResponse, SessionsWithProgression, policy);

    /// <summary>The flag from a course's two stored runs, for lists that read only those columns.</summary>
    public static RefractoryFlag RefractoryFlagFor(int sessionsWithoutResponse, int sessionsWithProgression, CoursePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return Courses.Refractoriness.Evaluate(policy.RefractoryRule == RefractoryRule.Progression ? sessionsWithProgression : sessionsWithoutResponse, policy);
    }

    /// <summary>The courses whose flag is raised under <paramref name="policy"/>, as a query the database runs (the same rule as <see cref="Refractoriness"/>).</summary>
    public static Expression<Func<TreatmentCourse, bool>> FlaggedBy(CoursePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var sessions = policy.RefractorySessions;
        return policy.RefractoryRule == RefractoryRule.Progression
            ? c => c.SessionsWithProgression >= sessions
            : c => c.SessionsWithoutResponse >= sessions;
    }

    /// <summary>The latest reading's transplant evaluation (a follow-up, else the baseline); null before any.</summary>
    public LesionAssessment? LatestReading => _assessments.MaxBy(a => a.AfterSession);

    /// <summary>Beyond Milan at baseline and back within it at the latest follow-up: successful downstaging.</summary>
    public bool Downstaged => Baseline is { WithinMilan: false } && LatestReading is { IsBaseline: false, WithinMilan: true };

    public RuleProblem? CheckStateChange(CourseState to, string? reason)
    {
        if (!Enum.IsDefined(to))
        {
            return new RuleProblem("State", "Choose the course's new status.");
        }

        if (to == State)
        {
            return new RuleProblem("State", $"The course is already {Describe(State).ToLowerInvariant()}.");
        }

        if ((to == CourseState.Stopped || to == CourseState.Active) && string.IsNullOrWhiteSpace(reason))
        {
            return new RuleProblem("Reason", to == CourseState.Active ? "Reopening a course needs a reason." : "Stopping a course needs a reason.");
        }

        return reason?.Trim().Length > ReasonMaxLength ? new RuleProblem("Reason", $"The reason can be at most {ReasonMaxLength} characters.") : null;
    }

    public void ChangeState(CourseState to, string? reason, DateTime nowUtc, Actor actor)
    {
        if (CheckStateChange(to, reason) is { } problem)
        {
            throw new DomainException(problem.Message);
        }

        var from = State;
        State = to;
        StateReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        ClosedAtUtc = to == CourseState.Active ? null : nowUtc;
        AddEvent(nowUtc, "State", $"Course status: {Describe(from)} → {Describe(to)}" + (StateReason is { } why ? $": {why}" : "."), actor);
        Touch();
    }

    public static RuleProblem? CheckTransplantListing(TransplantListingStatus status, DateOnly? listedOn, DateOnly today)
    {
        if (!Enum.IsDefined(status))
        {
            return new RuleProblem("Status", "Choose the listing status.");
        }

        if (status == TransplantListingStatus.Listed && listedOn is null)
        {
            return new RuleProblem("ListedOn", "Give the date the patient was listed.");
        }

        return listedOn > today ? new RuleProblem("ListedOn", "The listing date cannot be in the future.") : null;
    }

    public void SetTransplantListing(TransplantListingStatus status, DateOnly? listedOn, DateOnly today, DateTime nowUtc, Actor actor)
    {
        if (CheckTransplantListing(status, listedOn, today) is { } problem)
        {
            throw new DomainException(problem.Message);
        }

        TransplantStatus = status;
        ListedOn = status == TransplantListingStatus.NotListed ? null : listedOn ?? ListedOn;
        AddEvent(nowUtc, "Transplant", $"Transplant listing: {Describe(status)}.", actor);
        Touch();
    }

    /// <summary>Whether "Plan the next session" is offered: an active course with at least one session.</summary>
    public bool CanPlanNextSession => IsActive && _sessions.Count > 0;

    /// <summary>The labs and imaging of a planned next session must be newer than the last session.</summary>
    public IReadOnlyList<RuleProblem> CheckRefreshed(string labsField, DateOnly? labsDrawnOn, string imagingField, DateOnly? imagingDoneOn, Func<DateOnly, string>? day = null)
    {
        if (LastSession is not { } last)
        {
            return [];
        }

        var when = (day ?? CourseSession.Format)(last.PerformedOn);
        var problems = new List<RuleProblem>();
        if (labsDrawnOn is { } labs && labs <= last.PerformedOn)
        {
            problems.Add(new RuleProblem(labsField, $"Labs must be drawn again after session {last.Number} ({when})."));
        }

        if (imagingDoneOn is { } imaging && imaging <= last.PerformedOn)
        {
            problems.Add(new RuleProblem(imagingField, $"Imaging must be done again after session {last.Number} ({when})."));
        }

        return problems;
    }

    public void NotePlannedSession(Guid referralId, bool doctorAsked, DateTime nowUtc, Actor actor)
    {
        AddEvent(nowUtc, "SessionPlanned", $"Session {_sessions.Count + 1} planned (referral {Referral.ReferenceOf(referralId)})"
            + (doctorAsked ? "; the referring doctor is asked to confirm it." : "."), actor);
        Touch();
    }

    public static string Describe(CourseState state) => state switch
    {
        CourseState.Active => "Active",
        CourseState.CompleteResponse => "Complete response",
        CourseState.Refractory => "Refractory",
        CourseState.BridgedToTransplant => "Bridged to transplant",
        CourseState.MovedToSystemicTherapy => "Moved to systemic therapy",
        CourseState.Stopped => "Stopped",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static string Describe(TransplantListingStatus status) => status switch
    {
        TransplantListingStatus.NotListed => "not listed",
        TransplantListingStatus.BeingEvaluated => "being evaluated",
        TransplantListingStatus.Listed => "listed",
        TransplantListingStatus.Transplanted => "transplanted",
        TransplantListingStatus.RemovedFromList => "removed from the list",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string Describe(DischargeKind kind) => kind switch
    {
        DischargeKind.SameDay => "same day",
        DischargeKind.PlannedOvernight => "planned overnight stay",
        DischargeKind.UnplannedAdmission => "unplanned admission",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static List<RuleProblem> CheckCommon(ScanFindings findings, DateOnly today)
    {
        var problems = new List<RuleProblem>();
        if (findings.ScanOn > today)
        {
            problems.Add(new RuleProblem("ScanOn", "The scan date cannot be in the future."));
        }

        if (!Enum.IsDefined(findings.Modality))
        {
            problems.Add(new RuleProblem("Modality", "Choose CT or MRI."));
        }

        if (!Enum.IsDefined(findings.NonTarget))
        {
            problems.Add(new RuleProblem("NonTarget", "Choose how the non-target lesions look."));
        }

        if (findings.OtherLesionsMm.Count > ScanFindings.MaxOtherLesions || findings.OtherLesionsMm.Any(d => d is < 1 or > ScanFindings.MaxDiameterMm))
        {
            problems.Add(new RuleProblem("OtherLesionsMm", $"List up to {ScanFindings.MaxOtherLesions} other viable lesions, each 1 to {ScanFindings.MaxDiameterMm} mm."));
        }

        if (findings.Notes?.Trim().Length > ScanFindings.NotesMaxLength)
        {
            problems.Add(new RuleProblem("Notes", $"Notes can be at most {ScanFindings.NotesMaxLength} characters."));
        }

        return problems;
    }

    private static void Require(IReadOnlyList<RuleProblem> problems)
    {
        if (problems.Count > 0)
        {
            throw new DomainException(string.Join(" ", problems.Select(p => p.Message)));
        }
    }

    private static string RequireText(string? text, string message) =>
        string.IsNullOrWhiteSpace(text) ? throw new DomainException(message) : text.Trim();

    private void AddEvent(DateTime nowUtc, string kind, string text, Actor? actor) =>
        _events.Add(CourseEvent.Create(Id, nowUtc, kind, text, actor));

    private void Touch() => Version = Guid.NewGuid();
}
