using System.Text.Json;
using System.Text.Json.Serialization;

using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Messaging;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Referrals;

/// <summary>The patient, practice and diagnosis part of the referral form, as typed (nothing trusted yet).</summary>
public sealed record ReferralDetailsInput
{
    public string? PatientFirstName { get; init; }

    public string? PatientLastName { get; init; }

    public DateOnly? PatientDateOfBirth { get; init; }

    public PatientSex? PatientSex { get; init; }

    public string? PatientPhone { get; init; }

    public string? PatientEmail { get; init; }

    /// <summary>One of <see cref="PatientLanguages.Choices"/>.</summary>
    public string? PreferredLanguage { get; init; }

    /// <summary>The language the patient speaks, when <see cref="PreferredLanguage"/> is "another language".</summary>
    public string? InterpreterLanguage { get; init; }

    /// <summary>The mobile number texts go to, as typed.</summary>
    public string? PatientMobile { get; init; }

    /// <summary>The doctor confirms the patient agreed to get texts about appointments at that number.</summary>
    public bool TextConsent { get; init; }

    public string? MedicalRecordNumber { get; init; }

    public string? PracticeName { get; init; }

    public string? PracticeContact { get; init; }

    public string? Diagnosis { get; init; }

    public string? Icd10Code { get; init; }

    public Urgency? Urgency { get; init; }

    public string? ClinicalNotes { get; init; }

    /// <summary>
    /// Only called after validation, which guarantees the name and date of birth (a draft) or every
    /// required value (a submission); what a draft leaves out stays empty.
    /// </summary>
    public ReferralDetails ToDetails() => new(
        PatientFirstName!,
        PatientLastName!,
        PatientDateOfBirth!.Value,
        PatientSex,
        PatientPhone ?? string.Empty,
        PatientEmail ?? string.Empty,
        PreferredLanguage ?? string.Empty,
        MedicalRecordNumber,
        PracticeName ?? string.Empty,
        PracticeContact ?? string.Empty,
        Diagnosis ?? string.Empty,
        Icd10Code ?? string.Empty,
        Urgency,
        ClinicalNotes)
    {
        InterpreterLanguage = InterpreterLanguage,
        PatientMobile = MobileNumbers.Normalize(PatientMobile),
        TextConsent = TextConsent,
    };

    public static ReferralDetailsInput From(Referral r) => new()
    {
        PatientFirstName = r.PatientFirstName,
        PatientLastName = r.PatientLastName,
        PatientDateOfBirth = r.PatientDateOfBirth,
        PatientSex = r.PatientSex,
        PatientPhone = Blank(r.PatientPhone),
        PatientEmail = Blank(r.PatientEmail),
        PreferredLanguage = Blank(r.PreferredLanguage),
        InterpreterLanguage = r.InterpreterLanguage,
        PatientMobile = r.PatientMobile is null ? null : MobileNumbers.Display(r.PatientMobile),
        TextConsent = r.TextConsent,
        MedicalRecordNumber = r.MedicalRecordNumber,
        PracticeName = Blank(r.PracticeName),
        PracticeContact = Blank(r.PracticeContact),
        Diagnosis = Blank(r.Diagnosis),
        Icd10Code = Blank(r.Icd10Code),
        Urgency = r.Urgency,
        ClinicalNotes = r.ClinicalNotes,
    };

    private static string? Blank(string value) => value.Length == 0 ? null : value;
}

/// <summary>
/// The eligibility questionnaire as entered. Every answer is optional so a draft can be saved half
/// done; <see cref="QuestionnaireValidator"/> checks ranges always and completeness on submit.
/// A yes/no left unanswered is null, never silently "no".
/// </summary>
public sealed record QuestionnaireInput
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public PrimaryDiagnosis? Diagnosis { get; init; }

    public BclcStage? BclcStage { get; init; }

    public bool? CurativeTreatmentNotPossible { get; init; }

    public int? Ecog { get; init; }

    public decimal? BilirubinMgDl { get; init; }

    public decimal? AlbuminGdL { get; init; }

    public decimal? Inr { get; init; }

    public Ascites? Ascites { get; init; }

    public Encephalopathy? Encephalopathy { get; init; }

    public decimal? Platelets { get; init; }

    public decimal? CreatinineMgDl { get; init; }

    public decimal? Egfr { get; init; }

    public bool? OnDialysis { get; init; }

    public PortalVeinStatus? PortalVein { get; init; }

    public bool? ExtrahepaticDisease { get; init; }

    public decimal? TumourBurdenPercent { get; init; }

    public decimal? LargestLesionCm { get; init; }

    public bool? BiliaryObstruction { get; init; }

    public bool? BilioEntericAnastomosis { get; init; }

    public bool? BiliaryStent { get; init; }

    public bool? Sphincterotomy { get; init; }

    public bool? HighRiskVaricesOrSevereCardiopulmonaryDisease { get; init; }

    public ContrastReaction? ContrastReaction { get; init; }

    public Pregnancy? Pregnancy { get; init; }

    public bool? ActiveInfection { get; init; }

    public bool? TakesAnticoagulant { get; init; }

    public string? Anticoagulant { get; init; }

    public bool? LiverTransplant { get; init; }

    public bool? PriorEncephalopathy { get; init; }

    public DateOnly? LabsDrawnOn { get; init; }

    public DateOnly? ImagingDoneOn { get; init; }

    public bool NeedsBclcStage => Diagnosis == PrimaryDiagnosis.Hcc;

    public bool NeedsCurativeAnswer => NeedsBclcStage && BclcStage is Domain.Eligibility.BclcStage.Stage0 or Domain.Eligibility.BclcStage.A;

    public bool CanComputeChildPugh => BilirubinMgDl is not null && AlbuminGdL is not null && Inr is not null
        && Ascites is not null && Encephalopathy is not null;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static QuestionnaireInput FromJson(string? json) =>
        string.IsNullOrWhiteSpace(json) ? new QuestionnaireInput() : JsonSerializer.Deserialize<QuestionnaireInput>(json, Json) ?? new QuestionnaireInput();

    public ChildPugh? ChildPugh(EligibilityCriteria criteria) => CanComputeChildPugh
        ? Domain.Eligibility.ChildPugh.Calculate(BilirubinMgDl!.Value, AlbuminGdL!.Value, Inr!.Value, Ascites!.Value, Encephalopathy!.Value, criteria)
        : null;

    /// <summary>Only called once the questionnaire validated as complete.</summary>
    public QuestionnaireAnswers ToAnswers() => new()
    {
        Diagnosis = Diagnosis!.Value,
        BclcStage = NeedsBclcStage ? BclcStage : null,
        CurativeTreatmentNotPossible = NeedsCurativeAnswer && CurativeTreatmentNotPossible == true,
        Ecog = Ecog!.Value,
        BilirubinMgDl = BilirubinMgDl!.Value,
        AlbuminGdL = AlbuminGdL!.Value,
        Inr = Inr!.Value,
        Ascites = Ascites!.Value,
        Encephalopathy = Encephalopathy!.Value,
        Platelets = Platelets!.Value,
        CreatinineMgDl = CreatinineMgDl!.Value,
        Egfr = Egfr!.Value,
        OnDialysis = OnDialysis!.Value,
        PortalVein = PortalVein!.Value,
        ExtrahepaticDisease = ExtrahepaticDisease!.Value,
        TumourBurdenPercent = TumourBurdenPercent!.Value,
        LargestLesionCm = LargestLesionCm!.Value,
        BiliaryObstruction = BiliaryObstruction!.Value,
        BilioEntericAnastomosis = BilioEntericAnastomosis!.Value,
        BiliaryStent = BiliaryStent!.Value,
        Sphincterotomy = Sphincterotomy!.Value,
        HighRiskVaricesOrSevereCardiopulmonaryDisease = HighRiskVaricesOrSevereCardiopulmonaryDisease!.Value,
        ContrastReaction = ContrastReaction!.Value,
        Pregnancy = Pregnancy!.Value,
        ActiveInfection = ActiveInfection!.Value,
        Anticoagulant = TakesAnticoagulant == true ? Anticoagulant?.Trim() : null,
        LiverTransplant = LiverTransplant!.Value,
        PriorEncephalopathy = PriorEncephalopathy!.Value,
        LabsDrawnOn = LabsDrawnOn!.Value,
        ImagingDoneOn = ImagingDoneOn!.Value,
    };
}

/// <summary>A finding as stored with the referral: the text shown to people is fixed at submission.</summary>
public sealed record FindingView(int Criterion, FindingLevel Level, string Reason)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string ToJson(IEnumerable<EligibilityFinding> findings) =>
        JsonSerializer.Serialize(findings.Select(f => new FindingView(f.Criterion, f.Level, f.Reason)).ToList(), Json);

    public static IReadOnlyList<FindingView> FromJson(string? json) =>
        string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize<List<FindingView>>(json, Json) ?? [];
}
