using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Referrals;

namespace Scheduling.TestSupport.Referrals;

/// <summary>
/// A referral every answer of which is in the "eligible" column, dated relative to the clinic day
/// the test runs on; tests change only what they are about.
/// </summary>
public static class ReferralTestData
{
    public static ReferralDetailsInput Details(string lastName = "Okafor", Urgency urgency = Urgency.Routine) => new()
    {
        PatientFirstName = "Ada",
        PatientLastName = lastName,
        PatientDateOfBirth = new DateOnly(1958, 4, 12),
        PatientSex = PatientSex.Female,
        PatientPhone = "+1 555 0100",
        PatientEmail = "ada.okafor@example.com",
        PreferredLanguage = "English",
        MedicalRecordNumber = "MRN-0042",
        PracticeName = "Riverside Oncology",
        PracticeContact = "Dr. Dana, 555-0100",
        Diagnosis = "Hepatocellular carcinoma, multifocal",
        Icd10Code = "C22.0",
        Urgency = urgency,
        ClinicalNotes = "Multifocal HCC, not a resection candidate.",
    };

    public static QuestionnaireInput EligibleQuestionnaire(DateOnly today) => new()
    {
        Diagnosis = PrimaryDiagnosis.Hcc,
        BclcStage = BclcStage.B,
        Ecog = 0,
        BilirubinMgDl = 1.0m,
        AlbuminGdL = 4.0m,
        Inr = 1.1m,
        Ascites = Ascites.None,
        Encephalopathy = Encephalopathy.None,
        Platelets = 150m,
        CreatinineMgDl = 0.9m,
        Egfr = 80m,
        OnDialysis = false,
        PortalVein = PortalVeinStatus.Patent,
        ExtrahepaticDisease = false,
        TumourBurdenPercent = 20m,
        LargestLesionCm = 4m,
        BiliaryObstruction = false,
        BilioEntericAnastomosis = false,
        BiliaryStent = false,
        Sphincterotomy = false,
        HighRiskVaricesOrSevereCardiopulmonaryDisease = false,
        ContrastReaction = ContrastReaction.None,
        Pregnancy = Pregnancy.No,
        ActiveInfection = false,
        TakesAnticoagulant = false,
        LiverTransplant = false,
        PriorEncephalopathy = false,
        LabsDrawnOn = today.AddDays(-3),
        ImagingDoneOn = today.AddDays(-10),
    };

    /// <summary>The "needs review" case: two relative contraindications.</summary>
    public static QuestionnaireInput BilirubinAndEcogNeedReview(DateOnly today) =>
        EligibleQuestionnaire(today) with { BilirubinMgDl = 2.4m, Ecog = 1 };

    /// <summary>The "ineligible" case.</summary>
    public static QuestionnaireInput MainPortalVeinThrombosis(DateOnly today) =>
        EligibleQuestionnaire(today) with { PortalVein = PortalVeinStatus.MainThrombusOrHepatofugal };

    /// <summary>The smallest content that is really a PDF, PNG or JPEG by its leading bytes.</summary>
    public static byte[] PdfBytes(int size = 2048) => WithHead("%PDF-1.7\n"u8.ToArray(), size);

    public static byte[] PngBytes(int size = 2048) => WithHead([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], size);

    /// <summary>A Windows executable: what a renamed ".pdf" that is really an .exe contains.</summary>
    public static byte[] ExeBytes(int size = 2048) => WithHead("MZ"u8.ToArray(), size);

    private static byte[] WithHead(byte[] head, int size)
    {
        var bytes = new byte[Math.Max(size, head.Length)];
        head.CopyTo(bytes, 0);
        for (var i = head.Length; i < bytes.Length; i++)
        {
            bytes[i] = (byte)('a' + (i % 26));
        }

        return bytes;
    }
}
