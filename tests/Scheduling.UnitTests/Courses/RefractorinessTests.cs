using Scheduling.Domain.Courses;

namespace Scheduling.UnitTests.Courses;

/// <summary>The refractoriness rule (default: two consecutive sessions without CR or PR), and its clinic-set variants.</summary>
public sealed class RefractorinessTests
{
    private const ResponseCategory CR = ResponseCategory.CompleteResponse;
    private const ResponseCategory PR = ResponseCategory.PartialResponse;
    private const ResponseCategory SD = ResponseCategory.StableDisease;
    private const ResponseCategory PD = ResponseCategory.ProgressiveDisease;

    private static RefractoryFlag Evaluate(CoursePolicy policy, params ResponseCategory?[] responses) => Refractoriness.Evaluate(responses, policy);

    private static RefractoryFlag Evaluate(params ResponseCategory?[] responses) => Evaluate(new CoursePolicy(), responses);

    [Fact]
    public void TwoConsecutiveSessionsWithoutObjectiveResponse_RaiseTheFlag()
    {
        var flag = Evaluate(PR, SD, SD);

        Assert.True(flag.Raised);
        Assert.Equal(2, flag.SessionsWithoutResponse);
        Assert.Equal("2 consecutive sessions without an objective response (CR or PR)", flag.RuleVersion);
        Assert.Contains("consider tumour board / systemic therapy", flag.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void OneSessionWithoutResponse_DoesNotRaiseIt()
    {
        var flag = Evaluate(PR, SD);

        Assert.False(flag.Raised);
        Assert.Equal(1, flag.SessionsWithoutResponse);
    }

    [Fact]
    public void AResponseInBetween_BreaksTheRun()
    {
        Assert.False(Evaluate(SD, PR, SD).Raised);
        Assert.False(Evaluate(SD, SD, CR).Raised);
        Assert.True(Evaluate(SD, PD).Raised);
    }

    [Fact]
    public void SessionsNotAssessedYet_NeitherCountNorBreakTheRun()
    {
        Assert.True(Evaluate(SD, SD, null).Raised);
        Assert.True(Evaluate(SD, null, SD).Raised);
        Assert.False(Evaluate(SD, null, null).Raised);
        Assert.False(Evaluate().Raised);
    }

    [Fact]
    public void TheClinicMayCountOnlyProgression_OrAskForMoreSessions()
    {
        var progressionOnly = new CoursePolicy { RefractoryRule = RefractoryRule.Progression };
        var three = new CoursePolicy { RefractorySessions = 3 };

        Assert.False(Evaluate(progressionOnly, SD, SD).Raised);
        Assert.True(Evaluate(progressionOnly, PD, PD).Raised);
        Assert.Equal("2 consecutive sessions followed by progressive disease", progressionOnly.RefractoryRuleVersion);
        Assert.False(Evaluate(three, SD, SD).Raised);
        Assert.True(Evaluate(three, SD, SD, SD).Raised);
    }
}
