namespace Scheduling.Domain.Eligibility;

/// <summary>
/// The answers to the 20 eligibility questions for one referral. Immutable: a corrected answer is
/// a new set of answers and therefore a new assessment, so an earlier outcome stays explainable.
/// </summary>
public sealed record QuestionnaireAnswers
{
    /// <summary>Criterion 1.</summary>
    public required PrimaryDiagnosis Diagnosis { get; init; }

    /// <summary>Criterion 2. Only meaningful for HCC; ignored for every other diagnosis.</summary>
    public BclcStage? BclcStage { get; init; }

    /// <summary>
    /// Criterion 2, for BCLC 0 or A only: resection, ablation and transplant are all not possible.
    /// The document lists 0/A under "needs review" with this condition and gives no other column
    /// for it; early HCC where a curative option still exists is not a case for TACE without a
    /// physician's decision either, so 0/A is "needs review" either way and this answer only changes
    /// the reason shown to the radiologist.
    /// </summary>
    public bool CurativeTreatmentNotPossible { get; init; }

    /// <summary>Criterion 4: ECOG performance status, 0-4.</summary>
    public required int Ecog { get; init; }

    /// <summary>Criterion 5 and Child-Pugh: total bilirubin in mg/dL.</summary>
    public required decimal BilirubinMgDl { get; init; }

    /// <summary>Criterion 6 (Child-Pugh only): albumin in g/dL.</summary>
    public required decimal AlbuminGdL { get; init; }

    /// <summary>Criterion 7 and Child-Pugh.</summary>
    public required decimal Inr { get; init; }

    /// <summary>Child-Pugh and criterion 20.</summary>
    public required Ascites Ascites { get; init; }

    /// <summary>Child-Pugh (current encephalopathy).</summary>
    public required Encephalopathy Encephalopathy { get; init; }

    /// <summary>Criterion 8: platelets in 10^9/L.</summary>
    public required decimal Platelets { get; init; }

    /// <summary>Criterion 9: creatinine in mg/dL.</summary>
    public required decimal CreatinineMgDl { get; init; }

    /// <summary>Criterion 9: eGFR in mL/min/1.73 m².</summary>
    public required decimal Egfr { get; init; }

    /// <summary>Criterion 9.</summary>
    public required bool OnDialysis { get; init; }

    /// <summary>Criterion 10.</summary>
    public required PortalVeinStatus PortalVein { get; init; }

    /// <summary>Criterion 11.</summary>
    public required bool ExtrahepaticDisease { get; init; }

    /// <summary>Criterion 12: percentage of the liver replaced by tumour.</summary>
    public required decimal TumourBurdenPercent { get; init; }

    /// <summary>Criterion 12: largest lesion in cm.</summary>
    public required decimal LargestLesionCm { get; init; }

    /// <summary>Criterion 13.</summary>
    public required bool BiliaryObstruction { get; init; }

    /// <summary>Criterion 13, e.g. after a Whipple procedure.</summary>
    public required bool BilioEntericAnastomosis { get; init; }

    /// <summary>Criterion 13.</summary>
    public required bool BiliaryStent { get; init; }

    /// <summary>Criterion 13.</summary>
    public required bool Sphincterotomy { get; init; }

    /// <summary>Criterion 14.</summary>
    public required bool HighRiskVaricesOrSevereCardiopulmonaryDisease { get; init; }

    /// <summary>Criterion 15: prior reaction to iodinated contrast.</summary>
    public required ContrastReaction ContrastReaction { get; init; }

    /// <summary>Criterion 16.</summary>
    public required Pregnancy Pregnancy { get; init; }

    /// <summary>Criterion 17: active infection or fever.</summary>
    public required bool ActiveInfection { get; init; }

    /// <summary>Criterion 18: anticoagulant or antiplatelet drug name; null or blank means none.</summary>
    public string? Anticoagulant { get; init; }

    /// <summary>Criterion 19: listed for, candidate for, or recipient of a liver transplant.</summary>
    public required bool LiverTransplant { get; init; }

    /// <summary>Criterion 20: history of hepatic encephalopathy (not only the current grade).</summary>
    public required bool PriorEncephalopathy { get; init; }

    /// <summary>Date the lab values were drawn.</summary>
    public required DateOnly LabsDrawnOn { get; init; }

    /// <summary>Date of the latest cross-sectional imaging (CT or MRI).</summary>
    public required DateOnly ImagingDoneOn { get; init; }

    public bool HasAnticoagulant => !string.IsNullOrWhiteSpace(Anticoagulant);

    public bool HasBiliaryRisk => BiliaryObstruction || BilioEntericAnastomosis || BiliaryStent || Sphincterotomy;
}
