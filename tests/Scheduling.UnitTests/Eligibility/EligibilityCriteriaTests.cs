using Scheduling.Domain.Eligibility;

namespace Scheduling.UnitTests.Eligibility;

public class EligibilityCriteriaTests
{
    [Fact]
    public void Version1_HasTheDocumentThresholdsAndNoProblems()
    {
        EligibilityCriteria criteria = EligibilityCriteria.Version1;

        Assert.Equal("1", criteria.Version);
        Assert.Equal(2.0m, criteria.BilirubinReviewFromMgDl);
        Assert.Equal(3.0m, criteria.BilirubinIneligibleAboveMgDl);
        Assert.Equal(1.5m, criteria.InrReviewAbove);
        Assert.Equal(2.2m, criteria.InrIneligibleFrom);
        Assert.Equal(50m, criteria.PlateletsEligibleFrom);
        Assert.Equal(20m, criteria.PlateletsIneligibleBelow);
        Assert.Equal(2.0m, criteria.CreatinineIneligibleFromMgDl);
        Assert.Equal(30m, criteria.EgfrIneligibleBelow);
        Assert.Equal(50m, criteria.TumourBurdenIneligibleFromPercent);
        Assert.Equal(10m, criteria.LargestLesionReviewFromCm);
        Assert.Equal(3.5m, criteria.ChildPughAlbuminOnePointAboveGdL);
        Assert.Equal(14, criteria.LabValidityDays);
        Assert.Equal(30, criteria.ImagingValidityDays);
        Assert.Empty(criteria.Validate());
    }

    [Fact]
    public void Version1_ReturnsAFreshInstanceSoCallersCannotAlterTheDefaults()
    {
        EligibilityCriteria altered = EligibilityCriteria.Version1;
        altered.BilirubinReviewFromMgDl = 9m;

        Assert.Equal(2.0m, EligibilityCriteria.Version1.BilirubinReviewFromMgDl);
    }

    [Fact]
    public void Evaluate_WithChangedThresholds_GivesADifferentOutcomeWhileVersion1IsUnchanged()
    {
        QuestionnaireAnswers answers = TestAnswers.Eligible() with { BilirubinMgDl = 2.4m, Platelets = 45m };
        EligibilityCriteria site = new()
        {
            Version = "site-2",
            BilirubinReviewFromMgDl = 2.5m,
            PlateletsEligibleFrom = 40m,
        };

        EligibilityAssessment underSite = EligibilityEvaluator.Evaluate(answers, site);
        EligibilityAssessment underVersion1 = EligibilityEvaluator.Evaluate(answers, EligibilityCriteria.Version1);

        Assert.Equal(EligibilityOutcome.Eligible, underSite.Outcome);
        Assert.Equal("site-2", underSite.CriteriaVersion);
        Assert.Equal(EligibilityOutcome.NeedsReview, underVersion1.Outcome);
        Assert.Equal("5R 8R", underVersion1.TriggerCodes);
        Assert.Equal("1", underVersion1.CriteriaVersion);
    }

    [Fact]
    public void Evaluate_WithChangedChildPughBands_UsesThemForScoreAndCriterion3()
    {
        QuestionnaireAnswers answers = TestAnswers.Eligible() with { AlbuminGdL = 3.5m, Ascites = Ascites.Mild };
        EligibilityCriteria stricter = new() { ChildPughMaxReviewScore = 6 };
        EligibilityCriteria looserAlbumin = new() { ChildPughAlbuminOnePointAboveGdL = 3.4m };

        Assert.Equal("3R", EligibilityEvaluator.Evaluate(answers, EligibilityCriteria.Version1).CodeFor(3));
        Assert.Equal("3X", EligibilityEvaluator.Evaluate(answers, stricter).CodeFor(3));
        Assert.Equal("A6", EligibilityEvaluator.Evaluate(answers, looserAlbumin).ChildPugh.Display);
    }

    [Fact]
    public void Validate_ReviewThresholdAboveIneligibleThreshold_IsReported()
    {
        EligibilityCriteria criteria = new() { BilirubinReviewFromMgDl = 3.5m };

        string problem = Assert.Single(criteria.Validate());
        Assert.Contains(nameof(EligibilityCriteria.BilirubinReviewFromMgDl), problem);
    }

    public static TheoryData<string, Action<EligibilityCriteria>> Misconfigurations() => new()
    {
        { "empty version", c => c.Version = " " },
        { "INR review band empty", c => c.InrReviewAbove = c.InrIneligibleFrom },
        { "platelet bands crossed", c => c.PlateletsIneligibleBelow = 60m },
        { "ECOG bands crossed", c => c.EcogMaxEligible = 3 },
        { "ECOG off the scale", c => c.EcogMaxReview = 5 },
        { "Child-Pugh review below eligible", c => c.ChildPughMaxReviewScore = 5 },
        { "Child-Pugh class bands crossed", c => c.ChildPughClassAMaxScore = 9 },
        { "albumin bands crossed", c => c.ChildPughAlbuminThreePointsBelowGdL = 3.6m },
        { "Child-Pugh INR bands crossed", c => c.ChildPughInrTwoPointsFrom = 2.4m },
        { "tumour burden over 100 %", c => c.TumourBurdenIneligibleFromPercent = 150m },
        { "zero eGFR limit", c => c.EgfrIneligibleBelow = 0m },
        { "negative lab window", c => c.LabValidityDays = -1 },
        { "negative imaging window", c => c.ImagingValidityDays = -1 },
    };

    [Theory]
    [MemberData(nameof(Misconfigurations), DisableDiscoveryEnumeration = true)]
    public void Validate_SelfContradictoryCriteria_AreReported(string description, Action<EligibilityCriteria> misconfigure)
    {
        EligibilityCriteria criteria = new();
        misconfigure(criteria);

        Assert.True(criteria.Validate().Count > 0, $"Expected a problem for: {description}");
    }
}
