using Scheduling.Domain.Common;
using Scheduling.Domain.Referrals;

namespace Scheduling.Domain.Courses;

/// <summary>Where a course of treatment is. Every state but Active closes it; a closed course may be reopened with a reason.</summary>
public enum CourseState
{
    Active,
    CompleteResponse,
    Refractory,
    BridgedToTransplant,
    MovedToSystemicTherapy,
    Stopped,
}

/// <summary>The patient's place on the liver transplant list, as staff record it (dates, not computed points).</summary>
public enum TransplantListingStatus
{
    NotListed,
    BeingEvaluated,
    Listed,
    Transplanted,
    RemovedFromList,
}

/// <summary>How the patient left after a session.</summary>
public enum DischargeKind
{
    SameDay,
    PlannedOvernight,
    UnplannedAdmission,
}

/// <summary>How likely the procedure caused an adverse event (CTCAE attribution).</summary>
public enum Attribution
{
    Unrelated,
    Unlikely,
    Possible,
    Probable,
    Definite,
}

public enum ImagingModality
{
    Ct,
    Mri,
}

/// <summary>A problem with input, named by the field it is about: the rules say it once, the pages show it next to the field.</summary>
public sealed record RuleProblem(string Field, string Message);

/// <summary>One line of a course's history: every change, in words, with who made it.</summary>
public sealed class CourseEvent
{
    private CourseEvent()
    {
        Kind = Text = string.Empty;
    }

    public Guid Id { get; private init; }

    public Guid CourseId { get; private init; }

    public DateTime AtUtc { get; private init; }

    public string Kind { get; private init; }

    public string Text { get; private init; }

    public string? Actor { get; private init; }

    public string? ActorUserId { get; private init; }

    internal static CourseEvent Create(Guid courseId, DateTime atUtc, string kind, string text, Actor? actor) => new()
    {
        Id = Guid.CreateVersion7(),
        CourseId = courseId,
        AtUtc = atUtc,
        Kind = kind,
        Text = text.Length > ReferralEvent.TextMaxLength ? text[..ReferralEvent.TextMaxLength] : text,
        Actor = actor?.Name is { Length: > ReferralEvent.ActorMaxLength } name ? name[..ReferralEvent.ActorMaxLength] : actor?.Name,
        ActorUserId = actor?.UserId,
    };
}

/// <summary>A CTCAE v5.0 adverse event after a session: term, grade 1 to 5, onset, attribution, seriousness.</summary>
public sealed class AdverseEvent : Entity
{
    public const int TermMaxLength = 100;
    public const int MinGrade = 1;
    public const int MaxGrade = 5;

    /// <summary>Terms typical after TACE (MedDRA lowest-level terms as CTCAE uses them), offered first; any term may be typed.</summary>
    public static readonly IReadOnlyList<string> CommonTerms =
    [
        "Post-embolization syndrome", "Abdominal pain", "Fever", "Nausea", "Vomiting", "Fatigue",
        "Hepatic failure", "Hepatic encephalopathy", "Ascites", "Hepatic infection (liver abscess)",
        "Cholecystitis", "Bile duct stenosis", "Hematoma (groin)", "Contrast reaction",
    ];

    private AdverseEvent()
    {
        Term = string.Empty;
    }

    public Guid SessionId { get; private set; }

    public string Term { get; private set; }

    public int Grade { get; private set; }

    public DateOnly OnsetOn { get; private set; }

    public Attribution Attribution { get; private set; }

    public bool Serious { get; private set; }

    public DateTime RecordedAtUtc { get; private set; }

    public string RecordedBy { get; private set; } = string.Empty;

    /// <summary>CTCAE v5.0 grades in words.</summary>
    public static string DescribeGrade(int grade) => grade switch
    {
        1 => "Grade 1: mild, observation only",
        2 => "Grade 2: moderate, minimal or non-invasive intervention",
        3 => "Grade 3: severe, hospitalisation or its prolongation",
        4 => "Grade 4: life-threatening, urgent intervention",
        5 => "Grade 5: death",
        _ => throw new ArgumentOutOfRangeException(nameof(grade)),
    };

    internal static AdverseEvent Create(Guid sessionId, string term, int grade, DateOnly onsetOn, Attribution attribution, bool serious, DateTime nowUtc, Actor actor) => new()
    {
        SessionId = sessionId,
        Term = term.Trim(),
        Grade = grade,
        OnsetOn = onsetOn,
        Attribution = attribution,
        Serious = serious,
        RecordedAtUtc = nowUtc,
        RecordedBy = actor.Name,
    };
}

/// <summary>A post-procedure phone call due on a day after the session; done once the patient is reached (or the number is wrong).</summary>
public sealed class SessionCall : Entity
{
    private SessionCall()
    {
    }

    public Guid SessionId { get; private set; }

    /// <summary>Days after the session (1, 7).</summary>
    public int Day { get; private set; }

    public DateOnly DueOn { get; private set; }

    public int Attempts { get; private set; }

    public CallOutcome? LastOutcome { get; private set; }

    public DateTime? LastAttemptAtUtc { get; private set; }

    public DateTime? DoneAtUtc { get; private set; }

    public bool IsDone => DoneAtUtc is not null;

    /// <summary>Reaching the patient ends the task; so does a wrong number (nobody to call again there). Other outcomes leave it on the worklist.</summary>
    public static bool Ends(CallOutcome outcome) => outcome is CallOutcome.Reached or CallOutcome.WrongNumber;

    internal static SessionCall Create(Guid sessionId, int day, DateOnly dueOn) => new() { SessionId = sessionId, Day = day, DueOn = dueOn };

    internal void Attempt(CallOutcome outcome, DateTime nowUtc)
    {
        if (IsDone)
        {
            throw new DomainException("This call is already done.");
        }

        Attempts++;
        LastOutcome = outcome;
        LastAttemptAtUtc = nowUtc;
        if (Ends(outcome))
        {
            DoneAtUtc = nowUtc;
        }
    }
}
