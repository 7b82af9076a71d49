using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Eligibility;

namespace Scheduling.TestSupport;

public static partial class TestData
{
    /// <summary>
    /// Worked case 1 of the eligibility document, "typical intermediate HCC": every answer in the E
    /// column, so the referral is eligible (Child-Pugh A5, no triggers). The only copy of these values.
    /// </summary>
    public static QuestionnaireAnswers EligibleAnswers(DateOnly labsDrawnOn, DateOnly? imagingDoneOn = null) => new()
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
        ImagingDoneOn = imagingDoneOn ?? labsDrawnOn,
    };

    /// <summary>
    /// The eligible answers as the questionnaire form holds them, labs three days and imaging ten days
    /// before <paramref name="today"/>. A question the form asks only of some patients (curative
    /// treatment, for BCLC 0/A; which anticoagulant) stays unanswered, as the doctor leaves it.
    /// </summary>
    public static QuestionnaireInput EligibleQuestionnaire(DateOnly today) => AsInput(EligibleAnswers(today.AddDays(-3), today.AddDays(-10)));

    /// <summary>The "needs review" case: two relative contraindications.</summary>
    public static QuestionnaireInput BilirubinAndEcogNeedReview(DateOnly today) =>
        EligibleQuestionnaire(today) with { BilirubinMgDl = 2.4m, Ecog = 1 };

    /// <summary>The "ineligible" case.</summary>
    public static QuestionnaireInput MainPortalVeinThrombosis(DateOnly today) =>
        EligibleQuestionnaire(today) with { PortalVein = PortalVeinStatus.MainThrombusOrHepatofugal };

    /// <summary>Answers as the form holds them (the reverse of <see cref="QuestionnaireInput.ToAnswers"/>).</summary>
    public static QuestionnaireInput AsInput(QuestionnaireAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var input = new QuestionnaireInput
        {
            Diagnosis = answers.Diagnosis,
            BclcStage = answers.BclcStage,
            Ecog = answers.Ecog,
            BilirubinMgDl = answers.BilirubinMgDl,
            AlbuminGdL = answers.AlbuminGdL,
            Inr = answers.Inr,
            Ascites = answers.Ascites,
            Encephalopathy = answers.Encephalopathy,
            Platelets = answers.Platelets,
            CreatinineMgDl = answers.CreatinineMgDl,
            Egfr = answers.Egfr,
            OnDialysis = answers.OnDialysis,
            PortalVein = answers.PortalVein,
            ExtrahepaticDisease = answers.ExtrahepaticDisease,
            TumourBurdenPercent = answers.TumourBurdenPercent,
            LargestLesionCm = answers.LargestLesionCm,
            BiliaryObstruction = answers.BiliaryObstruction,
            BilioEntericAnastomosis = answers.BilioEntericAnastomosis,
            BiliaryStent = answers.BiliaryStent,
            Sphincterotomy = answers.Sphincterotomy,
            HighRiskVaricesOrSevereCardiopulmonaryDisease = answers.HighRiskVaricesOrSevereCardiopulmonaryDisease,
            ContrastReaction = answers.ContrastReaction,
            Pregnancy = answers.Pregnancy,
            ActiveInfection = answers.ActiveInfection,
            TakesAnticoagulant = answers.Anticoagulant is not null,
            Anticoagulant = answers.Anticoagulant,
            LiverTransplant = answers.LiverTransplant,
            PriorEncephalopathy = answers.PriorEncephalopathy,
            LabsDrawnOn = answers.LabsDrawnOn,
            ImagingDoneOn = answers.ImagingDoneOn,
        };
        return input.NeedsCurativeAnswer ? input with { CurativeTreatmentNotPossible = answers.CurativeTreatmentNotPossible } : input;
    }
}
