using Scheduling.Domain.Eligibility;

namespace Scheduling.UnitTests.Eligibility;

/// <summary>Test data builder: a patient in the E column of every criterion, varied with <c>with</c>.</summary>
internal static class TestAnswers
{
    public static readonly DateOnly LabsDate = new(2025, 3, 3);
    public static readonly DateOnly ImagingDate = new(2025, 2, 24);

    /// <summary>Worked case 1, "typical intermediate HCC": Eligible, Child-Pugh A5, no triggers.</summary>
    public static QuestionnaireAnswers Eligible() => new()
    {
        Diagnosis = PrimaryDiagnosis.Hcc,
        BclcStage = BclcStage.B,
        CurativeTreatmentNotPossible = false,
        Ecog = 0,
        BilirubinMgDl = 1.0m,
        AlbuminGdL = 3.8m,
        Inr = 1.1m,
        Ascites = Ascites.None,
        Encephalopathy = Encephalopathy.None,
        Platelets = 150m,
        CreatinineMgDl = 0.9m,
        Egfr = 80m,
        OnDialysis = false,
        PortalVein = PortalVeinStatus.Patent,
        ExtrahepaticDisease = false,
        TumourBurdenPercent = 30m,
        LargestLesionCm = 6m,
        BiliaryObstruction = false,
        BilioEntericAnastomosis = false,
        BiliaryStent = false,
        Sphincterotomy = false,
        HighRiskVaricesOrSevereCardiopulmonaryDisease = false,
        ContrastReaction = ContrastReaction.None,
        Pregnancy = Pregnancy.No,
        ActiveInfection = false,
        Anticoagulant = null,
        LiverTransplant = false,
        PriorEncephalopathy = false,
        LabsDrawnOn = LabsDate,
        ImagingDoneOn = ImagingDate,
    };

    public static EligibilityAssessment Evaluate(QuestionnaireAnswers answers) =>
        EligibilityEvaluator.Evaluate(answers, EligibilityCriteria.Version1);

    /// <summary>The code of the finding for one criterion ("5R"), or null when it did not trigger.</summary>
    public static string? CodeFor(this EligibilityAssessment assessment, int criterion) =>
        assessment.Findings.SingleOrDefault(f => f.Criterion == criterion)?.Code;
}
