using System.Linq.Expressions;

using Scheduling.Domain.Common;
using Scheduling.Domain.Referrals;

namespace Scheduling.Domain.Courses;

/// <summary>Where a session's follow-up scan is, on a given clinic day.</summary>
public enum FollowUpStatus
{
    /// <summary>Before its window opens.</summary>
    Upcoming,

    /// <summary>Inside its window, not done yet.</summary>
    Due,

    /// <summary>Past its window, not done.</summary>
    Overdue,

    /// <summary>Done; the response is not assessed yet.</summary>
    Received,

    /// <summary>Done and assessed.</summary>
    Assessed,

    /// <summary>Not needed (staff said why).</summary>
    Waived,
}

/// <summary>
/// One chemoembolization of the course: a completed booking. Owns what happened after it: the
/// discharge, adverse events, the post-procedure calls and the follow-up scan that is due a few
/// weeks later. Changed only through its course (<see cref="TreatmentCourse"/>), which keeps the history.
/// </summary>
public sealed class CourseSession : Entity
{
    public const int ReasonMaxLength = 500;
    public const decimal MaxHoursToDischarge = 24 * 30;

    private readonly List<AdverseEvent> _adverseEvents = [];
    private readonly List<SessionCall> _calls = [];

    private CourseSession()
    {
        DoctorUserId = string.Empty;
    }

    public Guid CourseId { get; private set; }

    /// <summary>1 for the first session of the course, and so on.</summary>
    public int Number { get; private set; }

    public Guid BookingId { get; private set; }

    public Guid ReferralId { get; private set; }

    /// <summary>The referring doctor of this session's referral.</summary>
    public string DoctorUserId { get; private set; }

    /// <summary>The procedure's start (the slot's), UTC.</summary>
    public DateTime PerformedAtUtc { get; private set; }

    /// <summary>The clinic day of the procedure.</summary>
    public DateOnly PerformedOn { get; private set; }

    public DischargeKind? DischargeKind { get; private set; }

    public string? DischargeReason { get; private set; }

    public decimal? HoursToDischarge { get; private set; }

    public DateTime? DischargeRecordedAtUtc { get; private set; }

    public DateOnly FollowUpDueOn { get; private set; }

    public DateOnly FollowUpWindowStart { get; private set; }

    public DateOnly FollowUpWindowEnd { get; private set; }

    public DateOnly? ScanDoneOn { get; private set; }

    public ImagingModality? ScanModality { get; private set; }

    public string? FollowUpWaivedReason { get; private set; }

    /// <summary>Set when the response to this session is assessed.</summary>
    public DateTime? AssessedAtUtc { get; private set; }

    public IReadOnlyList<AdverseEvent> AdverseEvents => _adverseEvents;

    public IReadOnlyList<SessionCall> Calls => _calls;

    public FollowUpStatus FollowUpStatusOn(DateOnly today) =>
        FollowUpWaivedReason is not null ? FollowUpStatus.Waived
        : AssessedAtUtc is not null ? FollowUpStatus.Assessed
        : ScanDoneOn is not null ? FollowUpStatus.Received
        : today > FollowUpWindowEnd ? FollowUpStatus.Overdue
        : today >= FollowUpWindowStart ? FollowUpStatus.Due
        : FollowUpStatus.Upcoming;

    /// <summary>Scans still to be done and due on <paramref name="today"/> (the worklist's queries, the same rule as <see cref="FollowUpStatusOn"/>).</summary>
    public static Expression<Func<CourseSession, bool>> FollowUpDueOnDay(DateOnly today) =>
        s => s.FollowUpWaivedReason == null && s.ScanDoneOn == null && s.AssessedAtUtc == null
            && s.FollowUpWindowStart <= today && s.FollowUpWindowEnd >= today;

    public static Expression<Func<CourseSession, bool>> FollowUpOverdueOnDay(DateOnly today) =>
        s => s.FollowUpWaivedReason == null && s.ScanDoneOn == null && s.AssessedAtUtc == null && s.FollowUpWindowEnd < today;

    public static readonly Expression<Func<CourseSession, bool>> FollowUpReceived =
        s => s.FollowUpWaivedReason == null && s.ScanDoneOn != null && s.AssessedAtUtc == null;

    /// <summary>A follow-up scan must come after its session and not in the future.</summary>
    /// <param name="day">How the page names a day (the clinic's culture); the invariant form when null.</param>
    public RuleProblem? CheckScanDate(string field, DateOnly scanOn, DateOnly today, Func<DateOnly, string>? day = null) =>
        scanOn <= PerformedOn ? new RuleProblem(field, $"The follow-up scan must be after session {Number} ({(day ?? Format)(PerformedOn)}).")
        : scanOn > today ? new RuleProblem(field, "The scan date cannot be in the future.")
        : null;

    public static IReadOnlyList<RuleProblem> CheckDischarge(DischargeKind kind, string? reason, decimal hours)
    {
        var problems = new List<RuleProblem>();
        if (hours <= 0 || hours > MaxHoursToDischarge)
        {
            problems.Add(new RuleProblem("HoursToDischarge", $"Hours to discharge must be above 0 and at most {MaxHoursToDischarge:0}."));
        }
        else if (kind == Courses.DischargeKind.SameDay && hours > 24)
        {
            problems.Add(new RuleProblem("HoursToDischarge", "A same-day discharge is at most 24 hours after the procedure; choose an overnight stay or an admission."));
        }

        if (kind != Courses.DischargeKind.SameDay && string.IsNullOrWhiteSpace(reason))
        {
            problems.Add(new RuleProblem("Reason", "Give the reason for the overnight stay or admission (pain, nausea, a complication…)."));
        }

        if (reason?.Trim().Length > ReasonMaxLength)
        {
            problems.Add(new RuleProblem("Reason", $"The reason can be at most {ReasonMaxLength} characters."));
        }

        return problems;
    }

    public IReadOnlyList<RuleProblem> CheckAdverseEvent(string? term, int grade, DateOnly onsetOn, DateOnly today, Func<DateOnly, string>? day = null)
    {
        var problems = new List<RuleProblem>();
        if (string.IsNullOrWhiteSpace(term))
        {
            problems.Add(new RuleProblem("Term", "Name the adverse event (its CTCAE term)."));
        }
        else if (term.Trim().Length > AdverseEvent.TermMaxLength)
        {
            problems.Add(new RuleProblem("Term", $"The term can be at most {AdverseEvent.TermMaxLength} characters."));
        }

        if (grade is < AdverseEvent.MinGrade or > AdverseEvent.MaxGrade)
        {
            problems.Add(new RuleProblem("Grade", $"The CTCAE grade is {AdverseEvent.MinGrade} to {AdverseEvent.MaxGrade}."));
        }

        if (onsetOn < PerformedOn)
        {
            problems.Add(new RuleProblem("OnsetOn", $"The onset cannot be before session {Number} ({(day ?? Format)(PerformedOn)})."));
        }
        else if (onsetOn > today)
        {
            problems.Add(new RuleProblem("OnsetOn", "The onset cannot be in the future."));
        }

        return problems;
    }

    internal static CourseSession Create(Guid courseId, int number, Guid bookingId, Guid referralId, string doctorUserId, DateTime performedAtUtc, DateOnly performedOn, CoursePolicy policy)
    {
        var session = new CourseSession
        {
            CourseId = courseId,
            Number = number,
            BookingId = bookingId,
            ReferralId = referralId,
            DoctorUserId = doctorUserId,
            PerformedAtUtc = performedAtUtc,
            PerformedOn = performedOn,
            FollowUpDueOn = policy.FollowUpDueOn(performedOn),
            FollowUpWindowStart = policy.FollowUpWindowStart(performedOn),
            FollowUpWindowEnd = policy.FollowUpWindowEnd(performedOn),
        };
        foreach (var day in policy.EffectiveCallDays)
        {
            session._calls.Add(SessionCall.Create(session.Id, day, performedOn.AddDays(day)));
        }

        return session;
    }

    internal void RecordDischarge(DischargeKind kind, string? reason, decimal hours, DateTime nowUtc)
    {
        Require(CheckDischarge(kind, reason, hours));
        DischargeKind = kind;
        DischargeReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        HoursToDischarge = hours;
        DischargeRecordedAtUtc = nowUtc;
    }

    internal AdverseEvent AddAdverseEvent(string term, int grade, DateOnly onsetOn, Attribution attribution, bool serious, DateOnly today, DateTime nowUtc, Actor actor)
    {
        Require(CheckAdverseEvent(term, grade, onsetOn, today));
        var adverseEvent = AdverseEvent.Create(Id, term, grade, onsetOn, attribution, serious, nowUtc, actor);
        _adverseEvents.Add(adverseEvent);
        return adverseEvent;
    }

    internal SessionCall LogCall(int day, CallOutcome outcome, DateTime nowUtc)
    {
        var call = _calls.SingleOrDefault(c => c.Day == day) ?? throw new DomainException($"Session {Number} has no day-{day} call.");
        call.Attempt(outcome, nowUtc);
        return call;
    }

    internal void RecordScan(DateOnly scanOn, ImagingModality modality, DateOnly today)
    {
        if (CheckScanDate("ScanOn", scanOn, today) is { } problem)
        {
            throw new DomainException(problem.Message);
        }

        ScanDoneOn = scanOn;
        ScanModality = modality;
        FollowUpWaivedReason = null;
    }

    internal void WaiveFollowUp(string reason)
    {
        if (ScanDoneOn is not null)
        {
            throw new DomainException("The follow-up scan is already done.");
        }

        FollowUpWaivedReason = reason.Trim();
    }

    internal void MarkAssessed(DateTime nowUtc) => AssessedAtUtc = nowUtc;

    internal static string Format(DateOnly date) => date.ToString("ddd d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    private static void Require(IReadOnlyList<RuleProblem> problems)
    {
        if (problems.Count > 0)
        {
            throw new DomainException(string.Join(" ", problems.Select(p => p.Message)));
        }
    }
}
