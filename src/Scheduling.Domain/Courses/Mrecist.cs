using System.Globalization;

namespace Scheduling.Domain.Courses;

/// <summary>The mRECIST response categories; objective response is complete or partial.</summary>
public enum ResponseCategory
{
    CompleteResponse,
    PartialResponse,
    StableDisease,
    ProgressiveDisease,
}

/// <summary>How the non-target lesions look at a follow-up scan (mRECIST evaluates them apart from the targets).</summary>
public enum NonTargetStatus
{
    /// <summary>There were no non-target lesions.</summary>
    None,

    /// <summary>Intratumoral arterial enhancement has gone from every non-target lesion.</summary>
    Disappeared,

    /// <summary>One or more still enhance (incomplete response or stable).</summary>
    Persisting,

    /// <summary>Unequivocal progression of non-target disease, including new malignant portal vein thrombosis.</summary>
    UnequivocalProgression,
}

/// <summary>What one follow-up scan is judged on: the viable diameters of the baseline's targets, now, and what else is seen.</summary>
/// <param name="BaselineMm">The targets' longest viable diameters at baseline (one or two, each at least the minimum).</param>
/// <param name="EarlierSumsMm">The sums of viable diameters at every earlier follow-up since treatment started, oldest first.</param>
/// <param name="CurrentMm">The same targets now, in the same order; 0 is a target with no arterial enhancement left.</param>
public sealed record MrecistInput(
    IReadOnlyList<int> BaselineMm,
    IReadOnlyList<int> EarlierSumsMm,
    IReadOnlyList<int> CurrentMm,
    bool NewLesion,
    NonTargetStatus NonTarget);

/// <summary>The category with every number it came from, so a person can check it.</summary>
public sealed record MrecistResult(
    ResponseCategory Category,
    ResponseCategory TargetCategory,
    int BaselineSumMm,
    int NadirSumMm,
    int CurrentSumMm,
    IReadOnlyList<string> Arithmetic,
    string RuleVersion);

/// <summary>
/// mRECIST, as the reference states it: only the viable (arterially enhancing) part of up to two
/// target lesions is measured. Targets: complete response when no target enhances any more; partial
/// response at a decrease of the sum of at least the threshold from the baseline sum; progression at
/// an increase of at least the threshold from the smallest sum recorded since treatment began (the
/// nadir, baseline included); stable otherwise. Overall (Lencioni &amp; Llovet, table 3): a new lesion
/// or unequivocal progression of non-target disease is progression whatever the targets do; complete
/// response of the targets with non-target lesions still enhancing is a partial response.
/// </summary>
/// <remarks>
/// Thresholds are compared in whole numbers (100 × sum against (100 ± threshold) × reference), so
/// "exactly 30 % down" is a partial response and "exactly 20 % up" is progression, with no rounding.
/// A nadir of 0 (every target gone) followed by any enhancement again is progression: the increase
/// from nothing is unbounded.
/// </remarks>
public static class Mrecist
{
    public static MrecistResult Evaluate(MrecistInput input, ResponseCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(criteria);
        if (input.BaselineMm.Count is < 1 or > ResponseCriteria.MaxTargets || input.CurrentMm.Count != input.BaselineMm.Count)
        {
            throw new ArgumentException("A follow-up measures the same one or two targets as the baseline.", nameof(input));
        }

        if (input.BaselineMm.Any(d => d < criteria.TargetMinimumMm) || input.CurrentMm.Any(d => d < 0) || input.EarlierSumsMm.Any(d => d < 0))
        {
            throw new ArgumentException($"Targets measure at least {criteria.TargetMinimumMm} mm at baseline and no diameter is negative.", nameof(input));
        }

        var baseline = input.BaselineMm.Sum();
        var current = input.CurrentMm.Sum();
        var nadir = input.EarlierSumsMm.Append(baseline).Min();
        var lines = new List<string>
        {
            $"Baseline sum of viable diameters: {Terms(input.BaselineMm)}.",
            $"This scan: {Terms(input.CurrentMm)}.",
            $"Smallest sum so far (nadir): {nadir} mm{(input.EarlierSumsMm.Count == 0 ? " (the baseline)" : string.Empty)}.",
        };

        var partial = 100L * current <= (100L - criteria.PartialResponseDecreasePercent) * baseline;
        lines.Add($"Change from baseline: {Percent(current, baseline)} (partial response needs {criteria.PartialResponseDecreasePercent} % or more down): {(partial ? "met" : "not met")}.");

        bool progression;
        if (nadir == 0)
        {
            progression = current > 0;
            lines.Add(progression
                ? "Change from nadir: enhancement is back after every target had lost it: progression."
                : "Change from nadir: no target enhances, as at the nadir.");
        }
        else
        {
            progression = 100L * current >= (100L + criteria.ProgressionIncreasePercent) * nadir;
            lines.Add($"Change from nadir: {Percent(current, nadir)} (progression needs {criteria.ProgressionIncreasePercent} % or more up): {(progression ? "met" : "not met")}.");
        }

        var target = progression ? ResponseCategory.ProgressiveDisease
            : input.CurrentMm.All(d => d == 0) ? ResponseCategory.CompleteResponse
            : partial ? ResponseCategory.PartialResponse
            : ResponseCategory.StableDisease;
        if (target == ResponseCategory.CompleteResponse)
        {
            lines.Add("No target lesion shows arterial enhancement: complete response of the targets.");
        }
        else if (target != ResponseCategory.ProgressiveDisease && input.CurrentMm.Any(d => d == 0))
        {
            lines.Add("At least one target still enhances, so the targets are not a complete response.");
        }

        lines.Add($"Targets: {Describe(target)}.");

        var overall = target;
        if (input.NewLesion)
        {
            overall = ResponseCategory.ProgressiveDisease;
            lines.Add("A new lesion is progression whatever the targets do.");
        }
        else if (input.NonTarget == NonTargetStatus.UnequivocalProgression)
        {
            overall = ResponseCategory.ProgressiveDisease;
            lines.Add("Unequivocal progression of non-target disease is progression whatever the targets do.");
        }
        else if (target == ResponseCategory.CompleteResponse && input.NonTarget == NonTargetStatus.Persisting)
        {
            overall = ResponseCategory.PartialResponse;
            lines.Add("Non-target lesions still enhance, so a complete response of the targets counts as a partial response.");
        }

        lines.Add($"Overall response: {Describe(overall)}.");
        return new MrecistResult(overall, target, baseline, nadir, current, lines, criteria.Version);
    }

    public static bool IsObjectiveResponse(ResponseCategory category) =>
        category is ResponseCategory.CompleteResponse or ResponseCategory.PartialResponse;

    public static string Describe(ResponseCategory category) => category switch
    {
        ResponseCategory.CompleteResponse => "complete response (CR)",
        ResponseCategory.PartialResponse => "partial response (PR)",
        ResponseCategory.StableDisease => "stable disease (SD)",
        ResponseCategory.ProgressiveDisease => "progressive disease (PD)",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    private static string Terms(IReadOnlyList<int> diameters) =>
        diameters.Count == 1
            ? $"{diameters[0]} mm"
            : $"{string.Join(" + ", diameters.Select((d, i) => $"target {i + 1} {d} mm"))} = {diameters.Sum()} mm";

    /// <summary>"−30.0 %" or "+20.0 %", one decimal, fixed culture (the thresholds themselves are compared exactly).</summary>
    private static string Percent(int value, int reference)
    {
        var change = Math.Round((value - reference) * 100m / reference, 1, MidpointRounding.AwayFromZero);
        return (change > 0 ? "+" : change < 0 ? "\u2212" : string.Empty) + Math.Abs(change).ToString("0.0", CultureInfo.InvariantCulture) + " %";
    }
}
