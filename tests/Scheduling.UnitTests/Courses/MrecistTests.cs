using Scheduling.Domain.Courses;

namespace Scheduling.UnitTests.Courses;

/// <summary>
/// mRECIST (Lencioni &amp; Llovet 2010) on worked cases and at its thresholds: 30 % down from the
/// baseline sum is a partial response, 20 % up from the nadir is progression, complete response needs
/// every target to have lost its enhancement, and a new lesion is progression whatever the targets do.
/// </summary>
public sealed class MrecistTests
{
    private static readonly ResponseCriteria Criteria = new();

    private static MrecistResult Score(int[] baseline, int[] current, int[]? earlier = null, bool newLesion = false, NonTargetStatus nonTarget = NonTargetStatus.None) =>
        Mrecist.Evaluate(new MrecistInput(baseline, earlier ?? [], current, newLesion, nonTarget), Criteria);

    [Fact]
    public void ExactlyThirtyPercentDownFromBaseline_IsAPartialResponse()
    {
        var result = Score([30, 20], [21, 14]); // 50 -> 35

        Assert.Equal(ResponseCategory.PartialResponse, result.Category);
        Assert.Equal(50, result.BaselineSumMm);
        Assert.Equal(35, result.CurrentSumMm);
        Assert.Contains(result.Arithmetic, line => line.Contains("\u221230.0 %", StringComparison.Ordinal) && line.EndsWith("met.", StringComparison.Ordinal));
    }

    [Fact]
    public void JustUnderThirtyPercentDown_IsStableDisease()
    {
        // 50 -> 36 is 28 % down: not enough.
        Assert.Equal(ResponseCategory.StableDisease, Score([30, 20], [22, 14]).Category);

        // 100 -> 71 is 29 % down: the comparison is exact, no rounding to 30 %.
        Assert.Equal(ResponseCategory.StableDisease, Score([100], [71]).Category);
        Assert.Equal(ResponseCategory.PartialResponse, Score([100], [70]).Category);
    }

    [Fact]
    public void ExactlyTwentyPercentUpFromANadirBelowTheBaseline_IsProgression_ThoughStillFarBelowTheBaseline()
    {
        // Baseline 100, then a partial response to 50 (the nadir), now 60: 40 % below baseline, 20 % above the nadir.
        var result = Score([60, 40], [36, 24], earlier: [50]);

        Assert.Equal(ResponseCategory.ProgressiveDisease, result.Category);
        Assert.Equal(100, result.BaselineSumMm);
        Assert.Equal(50, result.NadirSumMm);
        Assert.Equal(60, result.CurrentSumMm);
        Assert.Contains(result.Arithmetic, line => line.StartsWith("Change from nadir: +20.0 %", StringComparison.Ordinal) && line.EndsWith("met.", StringComparison.Ordinal));
    }

    [Fact]
    public void JustUnderTwentyPercentUpFromTheNadir_IsStillAPartialResponse_AgainstTheBaseline()
    {
        var result = Score([60, 40], [35, 24], earlier: [50]); // 59: +18 % from nadir, -41 % from baseline

        Assert.Equal(ResponseCategory.PartialResponse, result.Category);
    }

    [Fact]
    public void TheNadirIsTheSmallestSumSoFar_NotTheLatest()
    {
        // 100 -> 40 -> 45 -> now 48: 20 % above 40 is progression even though it is under 20 % above 45.
        var result = Score([100], [48], earlier: [40, 45]);

        Assert.Equal(40, result.NadirSumMm);
        Assert.Equal(ResponseCategory.ProgressiveDisease, result.Category);
    }

    [Fact]
    public void WithoutEarlierFollowUps_TheNadirIsTheBaseline()
    {
        var result = Score([40], [48]); // +20 % from baseline

        Assert.Equal(40, result.NadirSumMm);
        Assert.Equal(ResponseCategory.ProgressiveDisease, result.Category);
        Assert.Contains(result.Arithmetic, line => line.Contains("(the baseline)", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryTargetWithoutEnhancement_IsACompleteResponse()
    {
        var result = Score([30, 20], [0, 0]);

        Assert.Equal(ResponseCategory.CompleteResponse, result.Category);
        Assert.Equal(ResponseCategory.CompleteResponse, result.TargetCategory);
    }

    [Fact]
    public void OneOfTwoTargetsStillEnhancing_IsNotACompleteResponse_ButScoredOnTheSum()
    {
        var partial = Score([30, 20], [0, 12]); // 50 -> 12: 76 % down
        var alsoPartial = Score([12, 40], [0, 35]); // 52 -> 35: 33 % down
        var notEnough = Score([10, 40], [0, 38]); // 50 -> 38: 24 % down

        Assert.Equal(ResponseCategory.PartialResponse, partial.Category);
        Assert.Contains(partial.Arithmetic, line => line.StartsWith("At least one target still enhances", StringComparison.Ordinal));
        Assert.Equal(ResponseCategory.PartialResponse, alsoPartial.Category);
        Assert.Equal(ResponseCategory.StableDisease, notEnough.Category);
    }

    [Fact]
    public void ANewLesionWithShrinkingTargets_IsProgression()
    {
        var result = Score([30, 20], [10, 5], newLesion: true); // targets 70 % down

        Assert.Equal(ResponseCategory.PartialResponse, result.TargetCategory);
        Assert.Equal(ResponseCategory.ProgressiveDisease, result.Category);
        Assert.Contains(result.Arithmetic, line => line.StartsWith("A new lesion is progression", StringComparison.Ordinal));
    }

    [Fact]
    public void UnequivocalNonTargetProgression_IsProgression_EvenWithACompleteTargetResponse()
    {
        var result = Score([30], [0], nonTarget: NonTargetStatus.UnequivocalProgression);

        Assert.Equal(ResponseCategory.CompleteResponse, result.TargetCategory);
        Assert.Equal(ResponseCategory.ProgressiveDisease, result.Category);
    }

    [Fact]
    public void CompleteTargetResponse_WithNonTargetLesionsStillEnhancing_IsAPartialResponse()
    {
        Assert.Equal(ResponseCategory.PartialResponse, Score([30], [0], nonTarget: NonTargetStatus.Persisting).Category);
        Assert.Equal(ResponseCategory.CompleteResponse, Score([30], [0], nonTarget: NonTargetStatus.Disappeared).Category);
    }

    [Fact]
    public void EnhancementBackAfterACompleteResponse_IsProgression()
    {
        var result = Score([30], [5], earlier: [0]);

        Assert.Equal(0, result.NadirSumMm);
        Assert.Equal(ResponseCategory.ProgressiveDisease, result.Category);
    }

    [Fact]
    public void NoChange_IsStableDisease_AndTheArithmeticSaysWhy()
    {
        var result = Score([30, 20], [30, 20]);

        Assert.Equal(ResponseCategory.StableDisease, result.Category);
        Assert.Equal(
            [
                "Baseline sum of viable diameters: target 1 30 mm + target 2 20 mm = 50 mm.",
                "This scan: target 1 30 mm + target 2 20 mm = 50 mm.",
                "Smallest sum so far (nadir): 50 mm (the baseline).",
                "Change from baseline: 0.0 % (partial response needs 30 % or more down): not met.",
                "Change from nadir: 0.0 % (progression needs 20 % or more up): not met.",
                "Targets: stable disease (SD).",
                "Overall response: stable disease (SD).",
            ],
            result.Arithmetic);
        Assert.Equal(Criteria.Version, result.RuleVersion);
    }

    [Fact]
    public void TheClinicsThresholds_AreTheOnesApplied_AndNamedInTheVersion()
    {
        var strict = new ResponseCriteria { PartialResponseDecreasePercent = 50 };

        var result = Mrecist.Evaluate(new MrecistInput([100], [], [60], false, NonTargetStatus.None), strict);

        Assert.Equal(ResponseCategory.StableDisease, result.Category);
        Assert.Contains("50 %", result.RuleVersion, StringComparison.Ordinal);
    }

    [Fact]
    public void ATargetUnderTheMinimumAtBaseline_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => Score([9], [5]));
        Assert.Throws<ArgumentException>(() => Score([30, 20], [10]));
    }
}
