using Scheduling.Domain.Eligibility;

namespace Scheduling.UnitTests.Eligibility;

public class StalenessTests
{
    private static readonly DateOnly Procedure = new(2025, 3, 20);

    private static Staleness Check(int labAgeDays, int imagingAgeDays, EligibilityCriteria? criteria = null) =>
        EligibilityEvaluator.CheckStaleness(
            TestAnswers.Eligible() with
            {
                LabsDrawnOn = Procedure.AddDays(-labAgeDays),
                ImagingDoneOn = Procedure.AddDays(-imagingAgeDays),
            },
            Procedure,
            criteria ?? EligibilityCriteria.Version1);

    [Theory]
    [InlineData(0, false)]
    [InlineData(13, false)]
    [InlineData(14, false)]
    [InlineData(15, true)]
    [InlineData(-2, false)]
    public void Labs_DrawnMoreThanFourteenDaysBeforeProcedure_MustBeRepeated(int ageDays, bool mustRepeat)
    {
        Assert.Equal(mustRepeat, Check(ageDays, imagingAgeDays: 0).LabsMustBeRepeated);
    }

    [Theory]
    [InlineData(29, false)]
    [InlineData(30, false)]
    [InlineData(31, true)]
    public void Imaging_OlderThanThirtyDays_MustBeRepeated(int ageDays, bool mustRepeat)
    {
        Assert.Equal(mustRepeat, Check(labAgeDays: 0, ageDays).ImagingMustBeRepeated);
    }

    [Fact]
    public void Staleness_UsesTheWindowsOfTheCriteria()
    {
        EligibilityCriteria site = new() { LabValidityDays = 7, ImagingValidityDays = 60 };

        Assert.Equal(new Staleness(LabsMustBeRepeated: true, ImagingMustBeRepeated: false), Check(10, 45, site));
        Assert.Equal(new Staleness(LabsMustBeRepeated: false, ImagingMustBeRepeated: true), Check(10, 45));
    }

    [Fact]
    public void Staleness_OldLabsAndImaging_NeverChangeTheOutcome()
    {
        QuestionnaireAnswers answers = TestAnswers.Eligible() with
        {
            LabsDrawnOn = Procedure.AddDays(-90),
            ImagingDoneOn = Procedure.AddDays(-365),
        };

        Assert.Equal(EligibilityOutcome.Eligible, TestAnswers.Evaluate(answers).Outcome);
        Assert.Equal(new Staleness(true, true), EligibilityEvaluator.CheckStaleness(answers, Procedure, EligibilityCriteria.Version1));
    }

    [Theory]
    [InlineData(15, 30, true, false)]
    [InlineData(14, 31, false, true)]
    [InlineData(14, 30, false, false)]
    public void Staleness_FromTheTwoDates_CountsBackFromTheProcedureDay(int labAgeDays, int imagingAgeDays, bool labs, bool imaging)
    {
        Assert.Equal(new Staleness(labs, imaging),
            EligibilityEvaluator.CheckStaleness(Procedure.AddDays(-labAgeDays), Procedure.AddDays(-imagingAgeDays), Procedure, EligibilityCriteria.Version1));
    }

    [Fact]
    public void Staleness_OfADateNotRecorded_IsNothingToRepeat_WhileTheOtherDateIsStillJudged()
    {
        Assert.Equal(new Staleness(false, true), EligibilityEvaluator.CheckStaleness(null, Procedure.AddDays(-31), Procedure, EligibilityCriteria.Version1));
        Assert.Equal(new Staleness(true, false), EligibilityEvaluator.CheckStaleness(Procedure.AddDays(-15), null, Procedure, EligibilityCriteria.Version1));
    }
}
