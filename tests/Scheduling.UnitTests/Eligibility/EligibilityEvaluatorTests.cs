using System.Globalization;

using Scheduling.Domain.Eligibility;

namespace Scheduling.UnitTests.Eligibility;

public class EligibilityEvaluatorTests
{
    // Outcomes

    [Fact]
    public void Evaluate_EveryAnswerInTheEColumn_IsEligible()
    {
        EligibilityAssessment assessment = TestAnswers.Evaluate(TestAnswers.Eligible());

        Assert.Equal(EligibilityOutcome.Eligible, assessment.Outcome);
        Assert.Empty(assessment.Findings);
        Assert.Equal("A5", assessment.ChildPugh.Display);
        Assert.Equal("1", assessment.CriteriaVersion);
        Assert.False(assessment.OvernightBedLikely);
        Assert.False(assessment.PremedicationNeeded);
    }

    [Fact]
    public void Evaluate_OnlyReviewAnswers_NeedsReview()
    {
        EligibilityAssessment assessment = TestAnswers.Evaluate(TestAnswers.Eligible() with { Ecog = 1, ActiveInfection = true });

        Assert.Equal(EligibilityOutcome.NeedsReview, assessment.Outcome);
        Assert.Equal("4R 17R", assessment.TriggerCodes);
    }

    [Fact]
    public void Evaluate_AnyIneligibleAnswer_IsIneligibleEvenWithReviewAnswers()
    {
        EligibilityAssessment assessment = TestAnswers.Evaluate(TestAnswers.Eligible() with
        {
            Ecog = 1,
            PortalVein = PortalVeinStatus.MainThrombusOrHepatofugal,
        });

        Assert.Equal(EligibilityOutcome.Ineligible, assessment.Outcome);
        Assert.Equal("4R 10X", assessment.TriggerCodes);
    }

    [Fact]
    public void Evaluate_Findings_AreInCriterionOrderWithOneFindingPerCriterion()
    {
        EligibilityAssessment assessment = TestAnswers.Evaluate(TestAnswers.Eligible() with
        {
            Pregnancy = Pregnancy.Possible,
            Inr = 1.8m,
            Diagnosis = PrimaryDiagnosis.Other,
            BclcStage = null,
            TumourBurdenPercent = 60m,
            LargestLesionCm = 12m,
        });

        List<int> criteria = assessment.Findings.Select(f => f.Criterion).ToList();
        Assert.Equal(criteria.Order(), criteria);
        Assert.Equal(criteria.Distinct(), criteria);
    }

    // Criterion 20: the overnight-bed flag

    [Theory]
    [InlineData(false, Ascites.None, Encephalopathy.None, false)]
    [InlineData(true, Ascites.None, Encephalopathy.None, true)]
    [InlineData(false, Ascites.Mild, Encephalopathy.None, true)]
    [InlineData(false, Ascites.None, Encephalopathy.Grade1To2, true)]
    public void OvernightBed_PriorEncephalopathyAscitesOrCurrentEncephalopathy_IsFlaggedWhileChildPughAStaysEligible(
        bool priorEncephalopathy, Ascites ascites, Encephalopathy encephalopathy, bool flagged)
    {
        EligibilityAssessment assessment = TestAnswers.Evaluate(TestAnswers.Eligible() with
        {
            PriorEncephalopathy = priorEncephalopathy,
            Ascites = ascites,
            Encephalopathy = encephalopathy,
        });

        Assert.Equal(ChildPughClass.A, assessment.ChildPugh.Class);
        Assert.Equal(flagged, assessment.OvernightBedLikely);
        Assert.Equal(flagged ? "20F" : null, assessment.CodeFor(20));
        Assert.Equal(EligibilityOutcome.Eligible, assessment.Outcome);
    }

    [Fact]
    public void OvernightBed_ChildPughClassB_IsFlagged()
    {
        // Albumin alone moves the score without ascites or encephalopathy: 1+3+1+1+1 = 7.
        EligibilityAssessment assessment = TestAnswers.Evaluate(TestAnswers.Eligible() with { AlbuminGdL = 2.5m });

        Assert.Equal("B7", assessment.ChildPugh.Display);
        Assert.True(assessment.OvernightBedLikely);
        Assert.Contains("Child-Pugh B7", assessment.Findings.Single(f => f.Criterion == 20).Reason);
    }

    public static TheoryData<QuestionnaireAnswers> AnswersOfEachOutcome() =>
    [
        TestAnswers.Eligible(),
        TestAnswers.Eligible() with { Ecog = 2 },
        TestAnswers.Eligible() with { Pregnancy = Pregnancy.Yes },
    ];

    [Theory]
    [MemberData(nameof(AnswersOfEachOutcome), DisableDiscoveryEnumeration = true)]
    public void OvernightBed_PriorEncephalopathy_NeverChangesTheOutcome(QuestionnaireAnswers answers)
    {
        EligibilityAssessment without = TestAnswers.Evaluate(answers with { PriorEncephalopathy = false });
        EligibilityAssessment with = TestAnswers.Evaluate(answers with { PriorEncephalopathy = true });

        Assert.False(without.OvernightBedLikely);
        Assert.True(with.OvernightBedLikely);
        Assert.Equal(without.Outcome, with.Outcome);
    }

    // Reasons

    [Fact]
    public void Reason_ForBilirubin_NamesTheCriterionTheValueAndTheBand()
    {
        EligibilityAssessment assessment = TestAnswers.Evaluate(TestAnswers.Eligible() with { BilirubinMgDl = 2.4m });

        Assert.Equal(
            "Total bilirubin 2.4 mg/dL is between 2.0 and 3.0: relative contraindication",
            assessment.Findings.Single(f => f.Criterion == 5).Reason);
    }

    [Fact]
    public void Reason_ForMainPortalVeinThrombosis_SaysContraindication()
    {
        EligibilityAssessment assessment = TestAnswers.Evaluate(TestAnswers.Eligible() with
        {
            PortalVein = PortalVeinStatus.MainThrombusOrHepatofugal,
        });

        Assert.Equal(
            "Main portal vein thrombosis or hepatofugal flow: contraindication",
            assessment.Findings.Single(f => f.Criterion == 10).Reason);
    }

    [Fact]
    public void Reason_UnderACommaDecimalCulture_StillUsesInvariantNumbers()
    {
        CultureInfo original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");

            EligibilityAssessment assessment = TestAnswers.Evaluate(TestAnswers.Eligible() with { Inr = 1.8m });

            Assert.Equal(
                "INR 1.8 is above 1.5 and below 2.2: relative contraindication",
                assessment.Findings.Single(f => f.Criterion == 7).Reason);
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Fact]
    public void Reason_ForEachFinding_NamesTheValueThatTriggeredIt()
    {
        EligibilityAssessment assessment = TestAnswers.Evaluate(TestAnswers.Eligible() with
        {
            Ecog = 3,
            Platelets = 30m,
            CreatinineMgDl = 2.5m,
            Egfr = 25m,
            BiliaryStent = true,
            Anticoagulant = "apixaban",
        });

        Assert.All(assessment.Findings, f => Assert.False(string.IsNullOrWhiteSpace(f.Reason)));
        Assert.Contains("ECOG performance status 3", assessment.Findings.Single(f => f.Criterion == 4).Reason);
        Assert.Contains("Platelets 30", assessment.Findings.Single(f => f.Criterion == 8).Reason);
        string renal = assessment.Findings.Single(f => f.Criterion == 9).Reason;
        Assert.Contains("creatinine 2.5 mg/dL", renal);
        Assert.Contains("eGFR 25", renal);
    }

    [Fact]
    public void Evaluate_NegativeLabValue_IsRejectedAsInvalidInput()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TestAnswers.Evaluate(TestAnswers.Eligible() with { BilirubinMgDl = -0.1m }));
    }
}
