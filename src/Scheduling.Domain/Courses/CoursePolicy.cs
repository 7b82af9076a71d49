namespace Scheduling.Domain.Courses;

/// <summary>What counts as not responding, for the refractoriness flag.</summary>
public enum RefractoryRule
{
    /// <summary>A session whose response is neither complete nor partial (stable or progressive disease). The default.</summary>
    NoObjectiveResponse,

    /// <summary>Only a session followed by progressive disease.</summary>
    Progression,
}

/// <summary>
/// The numbers of a treatment course, bound from the "Courses" configuration section (start-up
/// values; reference: domain/tace-course.md): when the follow-up scan is due and its window, the days
/// of the post-procedure calls, and the refractoriness rule, which only ever raises a flag.
/// </summary>
public sealed class CoursePolicy
{
    public const string SectionName = "Courses";

    public static readonly IReadOnlyList<int> DefaultCallDays = [1, 7];

    /// <summary>The follow-up scan is due this many days after a session.</summary>
    public int FollowUpDueDays { get; set; } = 28;

    /// <summary>The follow-up window opens this many days after the session (the "due" email goes then).</summary>
    public int FollowUpWindowStartDays { get; set; } = 21;

    /// <summary>The window closes this many days after the session; the day after, the scan is overdue (and the doctor is emailed again).</summary>
    public int FollowUpWindowEndDays { get; set; } = 42;

    /// <summary>Days after a session on which the patient is phoned; null means the defaults (1 and 7).</summary>
    public int[]? CallDays { get; set; }

    /// <summary>How many consecutive assessed sessions without response raise the flag.</summary>
    public int RefractorySessions { get; set; } = 2;

    public RefractoryRule RefractoryRule { get; set; } = RefractoryRule.NoObjectiveResponse;

    public IReadOnlyList<int> EffectiveCallDays => CallDays is { Length: > 0 } days ? days.Distinct().Order().ToList() : DefaultCallDays;

    public DateOnly FollowUpDueOn(DateOnly sessionDate) => sessionDate.AddDays(FollowUpDueDays);

    public DateOnly FollowUpWindowStart(DateOnly sessionDate) => sessionDate.AddDays(FollowUpWindowStartDays);

    public DateOnly FollowUpWindowEnd(DateOnly sessionDate) => sessionDate.AddDays(FollowUpWindowEndDays);

    /// <summary>The rule in words, shown beside the flag and kept with it.</summary>
    public string RefractoryRuleVersion => RefractoryRule == RefractoryRule.Progression
        ? $"{RefractorySessions} consecutive sessions followed by progressive disease"
        : $"{RefractorySessions} consecutive sessions without an objective response (CR or PR)";

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (FollowUpWindowStartDays < 1 || FollowUpWindowStartDays > FollowUpDueDays)
        {
            problems.Add($"{nameof(FollowUpWindowStartDays)} must be between 1 and {nameof(FollowUpDueDays)} (is {FollowUpWindowStartDays}).");
        }

        if (FollowUpDueDays > FollowUpWindowEndDays)
        {
            problems.Add($"{nameof(FollowUpDueDays)} must not be after {nameof(FollowUpWindowEndDays)} (is {FollowUpDueDays}).");
        }

        if (FollowUpWindowEndDays > 180)
        {
            problems.Add($"{nameof(FollowUpWindowEndDays)} must be at most 180 (is {FollowUpWindowEndDays}).");
        }

        if (CallDays is { } days && (days.Length > 5 || days.Any(d => d is < 0 or > 60)))
        {
            problems.Add($"{nameof(CallDays)} must be at most 5 days, each between 0 and 60.");
        }

        if (RefractorySessions is < 1 or > 10)
        {
            problems.Add($"{nameof(RefractorySessions)} must be between 1 and 10 (is {RefractorySessions}).");
        }

        if (!Enum.IsDefined(RefractoryRule))
        {
            problems.Add($"{nameof(RefractoryRule)} must be {string.Join(" or ", Enum.GetNames<RefractoryRule>())}.");
        }

        return problems;
    }
}

/// <summary>The course's refractoriness flag and why: decision support only, it never blocks a booking.</summary>
public sealed record RefractoryFlag(bool Raised, int SessionsWithoutResponse, string Reason, string RuleVersion)
{
    public const string Advice = "Consider tumour board / systemic therapy";
}

/// <summary>
/// The refractoriness rule (no single definition exists, so the clinic sets it; default: two
/// consecutive sessions without an objective response). The run is counted back from the latest
/// assessed session; a session whose follow-up has not been assessed yet neither counts nor breaks it.
/// </summary>
public static class Refractoriness
{
    /// <param name="responses">Each session's response in session order; null where not assessed yet.</param>
    public static RefractoryFlag Evaluate(IReadOnlyList<ResponseCategory?> responses, CoursePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return Evaluate(Run(responses, policy.RefractoryRule), policy);
    }

    /// <summary>The flag for a run already counted (<see cref="Run"/>), as stored on a course for lists that filter on it.</summary>
    public static RefractoryFlag Evaluate(int run, CoursePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var raised = run >= policy.RefractorySessions;
        var reason = raised
            ? $"{run} consecutive sessions {(policy.RefractoryRule == RefractoryRule.Progression ? "followed by progressive disease" : "without an objective response")}: {RefractoryFlag.Advice.ToLowerInvariant()}."
            : run == 0
                ? "The latest assessed session responded, or none is assessed yet."
                : $"{run} of {policy.RefractorySessions} consecutive sessions without response so far.";
        return new RefractoryFlag(raised, run, reason, policy.RefractoryRuleVersion);
    }

    /// <summary>How many assessed sessions, counted back from the latest, did not respond by <paramref name="rule"/>.</summary>
    public static int Run(IReadOnlyList<ResponseCategory?> responses, RefractoryRule rule)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var run = 0;
        foreach (var response in responses.Reverse().OfType<ResponseCategory>())
        {
            if (!Fails(response, rule))
            {
                break;
            }

            run++;
        }

        return run;
    }

    private static bool Fails(ResponseCategory response, RefractoryRule rule) => rule == RefractoryRule.Progression
        ? response == ResponseCategory.ProgressiveDisease
        : !Mrecist.IsObjectiveResponse(response);
}
