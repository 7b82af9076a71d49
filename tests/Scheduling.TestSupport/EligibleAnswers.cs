using Scheduling.Domain.Eligibility;

namespace Scheduling.TestSupport;

/// <summary>Test data builder (as in the unit tests' TestAnswers): a patient in the E column of every criterion.</summary>
public static class EligibleAnswers
{
    public static QuestionnaireAnswers Create(DateOnly labsDrawnOn, DateOnly imagingDoneOn) => new()
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
        LabsDrawnOn = labsDrawnOn,
        ImagingDoneOn = imagingDoneOn,
    };
}
