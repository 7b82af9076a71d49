using Scheduling.Domain.Eligibility;

namespace Scheduling.UnitTests.Eligibility;

/// <summary>
/// Each row of the criteria table just below, at and just above its boundaries. Assertions look at
/// the one criterion under test, because lab values also move the Child-Pugh score (criterion 3).
/// </summary>
public class CriteriaTableTests
{
    private static EligibilityAssessment Evaluate(QuestionnaireAnswers answers) => TestAnswers.Evaluate(answers);

    // 1. Primary diagnosis

    [Fact]
    public void Diagnosis_Hcc_IsEligible()
    {
        Assert.Null(Evaluate(TestAnswers.Eligible()).CodeFor(1));
    }

    [Theory]
    [InlineData(PrimaryDiagnosis.ColorectalMetastases)]
    [InlineData(PrimaryDiagnosis.NeuroendocrineMetastases)]
    [InlineData(PrimaryDiagnosis.OtherMetastases)]
    [InlineData(PrimaryDiagnosis.IntrahepaticCholangiocarcinoma)]
    [InlineData(PrimaryDiagnosis.Other)]
    public void Diagnosis_OtherThanHcc_NeedsReview(PrimaryDiagnosis diagnosis)
    {
        Assert.Equal("1R", Evaluate(TestAnswers.Eligible() with { Diagnosis = diagnosis, BclcStage = null }).CodeFor(1));
    }

    // 2. BCLC stage

    [Fact]
    public void Bclc_StageB_IsEligible()
    {
        Assert.Null(Evaluate(TestAnswers.Eligible() with { BclcStage = BclcStage.B }).CodeFor(2));
    }

    [Theory]
    [InlineData(BclcStage.Stage0, true)]
    [InlineData(BclcStage.Stage0, false)]
    [InlineData(BclcStage.A, true)]
    [InlineData(BclcStage.A, false)]
    public void Bclc_Stage0OrA_NeedsReviewWhetherOrNotCurativeTreatmentIsPossible(BclcStage stage, bool curativeNotPossible)
    {
        EligibilityAssessment assessment = Evaluate(TestAnswers.Eligible() with
        {
            BclcStage = stage,
            CurativeTreatmentNotPossible = curativeNotPossible,
        });

        Assert.Equal("2R", assessment.CodeFor(2));
        Assert.Contains(curativeNotPossible ? "not possible" : "still possible", assessment.Findings.Single(f => f.Criterion == 2).Reason);
    }

    [Fact]
    public void Bclc_StageC_NeedsReview()
    {
        Assert.Equal("2R", Evaluate(TestAnswers.Eligible() with { BclcStage = BclcStage.C }).CodeFor(2));
    }

    [Fact]
    public void Bclc_StageD_IsIneligible()
    {
        Assert.Equal("2X", Evaluate(TestAnswers.Eligible() with { BclcStage = BclcStage.D }).CodeFor(2));
    }

    [Fact]
    public void Bclc_MissingForHcc_NeedsReview()
    {
        Assert.Equal("2R", Evaluate(TestAnswers.Eligible() with { BclcStage = null }).CodeFor(2));
    }

    [Fact]
    public void Bclc_ForNonHccDiagnosis_IsNotApplied()
    {
        EligibilityAssessment assessment = Evaluate(TestAnswers.Eligible() with
        {
            Diagnosis = PrimaryDiagnosis.ColorectalMetastases,
            BclcStage = BclcStage.D,
        });

        Assert.Null(assessment.CodeFor(2));
        Assert.Equal(EligibilityOutcome.NeedsReview, assessment.Outcome);
    }

    // 3. Child-Pugh (albumin and ascites move the score without touching other criteria)

    [Theory]
    [InlineData(3.8, Ascites.None, "A5")]
    [InlineData(3.5, Ascites.None, "A6")]
    public void ChildPugh_ClassA_IsEligible(double albumin, Ascites ascites, string expected)
    {
        EligibilityAssessment assessment = Evaluate(TestAnswers.Eligible() with { AlbuminGdL = (decimal)albumin, Ascites = ascites });

        Assert.Equal(expected, assessment.ChildPugh.Display);
        Assert.Null(assessment.CodeFor(3));
    }

    [Fact]
    public void ChildPugh_B7_NeedsReview()
    {
        EligibilityAssessment assessment = Evaluate(TestAnswers.Eligible() with { AlbuminGdL = 3.5m, Ascites = Ascites.Mild });

        Assert.Equal("B7", assessment.ChildPugh.Display);
        Assert.Equal("3R", assessment.CodeFor(3));
    }

    [Theory]
    [InlineData(3.5, Ascites.ModerateSevere, "B8")]
    [InlineData(2.5, Ascites.ModerateSevere, "B9")]
    public void ChildPugh_B8OrWorse_IsIneligible(double albumin, Ascites ascites, string expected)
    {
        EligibilityAssessment assessment = Evaluate(TestAnswers.Eligible() with { AlbuminGdL = (decimal)albumin, Ascites = ascites });

        Assert.Equal(expected, assessment.ChildPugh.Display);
        Assert.Equal("3X", assessment.CodeFor(3));
        Assert.Equal(EligibilityOutcome.Ineligible, assessment.Outcome);
    }

    [Fact]
    public void ChildPugh_ClassC_IsIneligible()
    {
        EligibilityAssessment assessment = Evaluate(TestAnswers.Eligible() with
        {
            AlbuminGdL = 2.5m,
            Ascites = Ascites.ModerateSevere,
            Encephalopathy = Encephalopathy.Grade1To2,
        });

        Assert.Equal("C10", assessment.ChildPugh.Display);
        Assert.Equal("3X", assessment.CodeFor(3));
    }

    // 4. ECOG

    [Fact]
    public void Ecog_Zero_IsEligible()
    {
        Assert.Null(Evaluate(TestAnswers.Eligible() with { Ecog = 0 }).CodeFor(4));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Ecog_OneOrTwo_NeedsReview(int ecog)
    {
        Assert.Equal("4R", Evaluate(TestAnswers.Eligible() with { Ecog = ecog }).CodeFor(4));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Ecog_ThreeOrFour_IsIneligible(int ecog)
    {
        Assert.Equal("4X", Evaluate(TestAnswers.Eligible() with { Ecog = ecog }).CodeFor(4));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(5)]
    public void Ecog_OutsideZeroToFour_IsRejectedAsInvalidInput(int ecog)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Evaluate(TestAnswers.Eligible() with { Ecog = ecog }));
    }

    // 5. Total bilirubin

    [Theory]
    [InlineData(0.3)]
    [InlineData(1.99)]
    public void Bilirubin_BelowTwo_IsEligible(double bilirubin)
    {
        Assert.Null(Evaluate(TestAnswers.Eligible() with { BilirubinMgDl = (decimal)bilirubin }).CodeFor(5));
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(2.01)]
    [InlineData(2.99)]
    [InlineData(3.0)]
    public void Bilirubin_FromTwoToThreeInclusive_NeedsReview(double bilirubin)
    {
        Assert.Equal("5R", Evaluate(TestAnswers.Eligible() with { BilirubinMgDl = (decimal)bilirubin }).CodeFor(5));
    }

    [Fact]
    public void Bilirubin_AtExactlyTwo_NeedsReview()
    {
        EligibilityAssessment assessment = Evaluate(TestAnswers.Eligible() with { BilirubinMgDl = 2.0m });

        Assert.Equal(EligibilityOutcome.NeedsReview, assessment.Outcome);
        Assert.Equal("5R", assessment.TriggerCodes);
    }

    [Theory]
    [InlineData(3.01)]
    [InlineData(3.1)]
    public void Bilirubin_AboveThree_IsIneligible(double bilirubin)
    {
        Assert.Equal("5X", Evaluate(TestAnswers.Eligible() with { BilirubinMgDl = (decimal)bilirubin }).CodeFor(5));
    }

    // 6. Albumin

    [Theory]
    [InlineData(4.5)]
    [InlineData(3.51)]
    [InlineData(3.5)]
    [InlineData(3.49)]
    [InlineData(2.8)]
    [InlineData(2.79)]
    [InlineData(1.5)]
    public void Albumin_AtAnyValue_NeverTriggersOnItsOwn(double albumin)
    {
        Assert.Null(Evaluate(TestAnswers.Eligible() with { AlbuminGdL = (decimal)albumin }).CodeFor(6));
    }

    // 7. INR

    [Theory]
    [InlineData(1.49)]
    [InlineData(1.5)]
    public void Inr_AtOrBelowOnePointFive_IsEligible(double inr)
    {
        Assert.Null(Evaluate(TestAnswers.Eligible() with { Inr = (decimal)inr }).CodeFor(7));
    }

    [Theory]
    [InlineData(1.51)]
    [InlineData(1.8)]
    [InlineData(2.19)]
    public void Inr_AboveOnePointFiveAndBelowTwoPointTwo_NeedsReview(double inr)
    {
        Assert.Equal("7R", Evaluate(TestAnswers.Eligible() with { Inr = (decimal)inr }).CodeFor(7));
    }

    [Theory]
    [InlineData(2.2)]
    [InlineData(2.21)]
    [InlineData(3.0)]
    public void Inr_AtOrAboveTwoPointTwo_IsIneligible(double inr)
    {
        Assert.Equal("7X", Evaluate(TestAnswers.Eligible() with { Inr = (decimal)inr }).CodeFor(7));
    }

    // 8. Platelets

    [Theory]
    [InlineData(51)]
    [InlineData(50)]
    public void Platelets_AtOrAboveFifty_IsEligible(double platelets)
    {
        Assert.Null(Evaluate(TestAnswers.Eligible() with { Platelets = (decimal)platelets }).CodeFor(8));
    }

    [Theory]
    [InlineData(49.9)]
    [InlineData(49)]
    [InlineData(21)]
    [InlineData(20)]
    public void Platelets_FromTwentyToFortyNine_NeedsReview(double platelets)
    {
        Assert.Equal("8R", Evaluate(TestAnswers.Eligible() with { Platelets = (decimal)platelets }).CodeFor(8));
    }

    [Theory]
    [InlineData(19.9)]
    [InlineData(19)]
    [InlineData(5)]
    public void Platelets_BelowTwenty_IsIneligible(double platelets)
    {
        Assert.Equal("8X", Evaluate(TestAnswers.Eligible() with { Platelets = (decimal)platelets }).CodeFor(8));
    }

    // 9. Creatinine and eGFR

    [Theory]
    [InlineData(1.99, 30)]
    [InlineData(1.99, 31)]
    [InlineData(0.9, 80)]
    public void Renal_CreatinineBelowTwoAndEgfrAtLeastThirty_IsEligible(double creatinine, double egfr)
    {
        Assert.Null(Evaluate(TestAnswers.Eligible() with { CreatinineMgDl = (decimal)creatinine, Egfr = (decimal)egfr }).CodeFor(9));
    }

    [Theory]
    [InlineData(2.0, 40)]
    [InlineData(2.01, 40)]
    [InlineData(1.5, 29.9)]
    [InlineData(1.5, 29)]
    [InlineData(3.0, 20)]
    public void Renal_CreatinineAtLeastTwoOrEgfrBelowThirtyWithoutDialysis_IsIneligible(double creatinine, double egfr)
    {
        Assert.Equal("9X", Evaluate(TestAnswers.Eligible() with { CreatinineMgDl = (decimal)creatinine, Egfr = (decimal)egfr }).CodeFor(9));
    }

    [Theory]
    [InlineData(5.1, 10)]
    [InlineData(0.9, 80)]
    public void Renal_OnDialysis_NeedsReviewWhateverTheValues(double creatinine, double egfr)
    {
        EligibilityAssessment assessment = Evaluate(TestAnswers.Eligible() with
        {
            CreatinineMgDl = (decimal)creatinine,
            Egfr = (decimal)egfr,
            OnDialysis = true,
        });

        Assert.Equal("9R", assessment.CodeFor(9));
    }

    // 10. Portal vein

    [Theory]
    [InlineData(PortalVeinStatus.Patent, null)]
    [InlineData(PortalVeinStatus.BranchThrombus, "10R")]
    [InlineData(PortalVeinStatus.MainThrombusOrHepatofugal, "10X")]
    public void PortalVein_EachStatus_GivesTableLevel(PortalVeinStatus status, string? expectedCode)
    {
        Assert.Equal(expectedCode, Evaluate(TestAnswers.Eligible() with { PortalVein = status }).CodeFor(10));
    }

    // 11. Extrahepatic disease

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, "11R")]
    public void ExtrahepaticDisease_WhenPresent_NeedsReview(bool present, string? expectedCode)
    {
        Assert.Equal(expectedCode, Evaluate(TestAnswers.Eligible() with { ExtrahepaticDisease = present }).CodeFor(11));
    }

    // 12. Tumour burden

    [Theory]
    [InlineData(49.9, 9.9)]
    [InlineData(49, 9)]
    public void TumourBurden_BelowFiftyPercentAndLesionBelowTenCm_IsEligible(double burden, double largest)
    {
        Assert.Null(Evaluate(TestAnswers.Eligible() with { TumourBurdenPercent = (decimal)burden, LargestLesionCm = (decimal)largest }).CodeFor(12));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(10.1)]
    [InlineData(14)]
    public void LargestLesion_AtOrAboveTenCm_NeedsReview(double largest)
    {
        Assert.Equal("12R", Evaluate(TestAnswers.Eligible() with { LargestLesionCm = (decimal)largest }).CodeFor(12));
    }

    [Theory]
    [InlineData(50, 8)]
    [InlineData(50.1, 8)]
    [InlineData(70, 12)]
    public void TumourBurden_AtOrAboveFiftyPercent_IsIneligibleWithOneFindingForTheCriterion(double burden, double largest)
    {
        EligibilityAssessment assessment = Evaluate(TestAnswers.Eligible() with
        {
            TumourBurdenPercent = (decimal)burden,
            LargestLesionCm = (decimal)largest,
        });

        Assert.Equal("12X", assessment.CodeFor(12));
    }

    // 13. Biliary

    [Fact]
    public void Biliary_NoRiskFactor_IsEligible()
    {
        Assert.Null(Evaluate(TestAnswers.Eligible()).CodeFor(13));
    }

    [Theory]
    [InlineData(true, false, false, false, "biliary obstruction")]
    [InlineData(false, true, false, false, "bilio-enteric anastomosis")]
    [InlineData(false, false, true, false, "biliary stent")]
    [InlineData(false, false, false, true, "sphincterotomy")]
    public void Biliary_AnyRiskFactor_NeedsReviewNamingIt(bool obstruction, bool anastomosis, bool stent, bool sphincterotomy, string named)
    {
        EligibilityAssessment assessment = Evaluate(TestAnswers.Eligible() with
        {
            BiliaryObstruction = obstruction,
            BilioEntericAnastomosis = anastomosis,
            BiliaryStent = stent,
            Sphincterotomy = sphincterotomy,
        });

        Assert.Equal("13R", assessment.CodeFor(13));
        Assert.Contains(named, assessment.Findings.Single(f => f.Criterion == 13).Reason);
    }

    // 14. Varices or cardiopulmonary disease

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, "14R")]
    public void VaricesOrCardiopulmonaryDisease_WhenPresent_NeedsReview(bool present, string? expectedCode)
    {
        Assert.Equal(expectedCode, Evaluate(TestAnswers.Eligible() with { HighRiskVaricesOrSevereCardiopulmonaryDisease = present }).CodeFor(14));
    }

    // 15. Contrast reaction

    [Theory]
    [InlineData(ContrastReaction.None, null, false)]
    [InlineData(ContrastReaction.Mild, null, false)]
    [InlineData(ContrastReaction.Moderate, "15R", true)]
    [InlineData(ContrastReaction.Severe, "15X", false)]
    public void ContrastReaction_EachAnswer_GivesTableLevelAndPremedicationOnlyForModerate(
        ContrastReaction reaction, string? expectedCode, bool premedication)
    {
        EligibilityAssessment assessment = Evaluate(TestAnswers.Eligible() with { ContrastReaction = reaction });

        Assert.Equal(expectedCode, assessment.CodeFor(15));
        Assert.Equal(premedication, assessment.PremedicationNeeded);
    }

    // 16. Pregnancy

    [Theory]
    [InlineData(Pregnancy.No, null)]
    [InlineData(Pregnancy.Possible, "16R")]
    [InlineData(Pregnancy.Yes, "16X")]
    public void Pregnancy_EachAnswer_GivesTableLevel(Pregnancy pregnancy, string? expectedCode)
    {
        Assert.Equal(expectedCode, Evaluate(TestAnswers.Eligible() with { Pregnancy = pregnancy }).CodeFor(16));
    }

    // 17. Active infection

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, "17R")]
    public void ActiveInfection_WhenPresent_NeedsReview(bool present, string? expectedCode)
    {
        Assert.Equal(expectedCode, Evaluate(TestAnswers.Eligible() with { ActiveInfection = present }).CodeFor(17));
    }

    // 18. Anticoagulant

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Anticoagulant_NoneGiven_IsEligible(string? anticoagulant)
    {
        Assert.Null(Evaluate(TestAnswers.Eligible() with { Anticoagulant = anticoagulant }).CodeFor(18));
    }

    [Theory]
    [InlineData("warfarin")]
    [InlineData("clopidogrel")]
    public void Anticoagulant_AnyNamed_NeedsReviewNamingTheDrug(string anticoagulant)
    {
        EligibilityAssessment assessment = Evaluate(TestAnswers.Eligible() with { Anticoagulant = anticoagulant });

        Assert.Equal("18R", assessment.CodeFor(18));
        Assert.Contains(anticoagulant, assessment.Findings.Single(f => f.Criterion == 18).Reason);
    }

    // 19. Liver transplant

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, "19R")]
    public void LiverTransplant_WhenListedCandidateOrPrior_NeedsReview(bool transplant, string? expectedCode)
    {
        Assert.Equal(expectedCode, Evaluate(TestAnswers.Eligible() with { LiverTransplant = transplant }).CodeFor(19));
    }
}
