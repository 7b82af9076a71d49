using Microsoft.AspNetCore.Mvc.Rendering;

using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Referrals;

namespace Scheduling.Web.Models.Referrals;

/// <summary>The new/edit referral form: details and questionnaire bind straight to the use case's inputs.</summary>
public sealed class ReferralFormViewModel
{
    public const string SaveDraftIntent = "SaveDraft";
    public const string SubmitIntent = "Submit";

    public Guid? Id { get; set; }

    public ReferralDetailsInput Details { get; set; } = new();

    public QuestionnaireInput Questionnaire { get; set; } = new();

    /// <summary>Which button was pressed: save the draft, or submit for evaluation.</summary>
    public string? Intent { get; set; }

    /// <summary>Recomputed on the server for display; the browser's live value is only a convenience.</summary>
    public string? ChildPugh { get; set; }

    public IReadOnlyList<GetReferral.AttachmentRow> Attachments { get; set; } = [];
}

/// <summary>Everything the details page shows, for the referring doctor or the clinic's staff.</summary>
public sealed record ReferralPageViewModel(GetReferral.ReferralView Referral, string BackUrl, string BackText, bool CanSchedule = false)
{
    public bool ShowDoctorActions => Referral.IsOwnReferral;

    /// <summary>A scheduler on a referral ready to schedule can book it from here, as from the queue.</summary>
    public bool ShowBookLink => CanSchedule && Referral.Status == ReferralStatus.ReadyToSchedule;

    /// <summary>A scheduler on a scheduled referral can open its appointment (reschedule, cancel, outcome).</summary>
    public Guid? BookingToOpen => CanSchedule ? Referral.ActiveBookingId : null;
}

public sealed record MyReferralsViewModel(IReadOnlyList<ListMyReferrals.Row> Rows);

public sealed class WithdrawFormViewModel
{
    public string? Reason { get; set; }
}

/// <summary>Friendly labels for the questionnaire's choices; values are the enum names the server binds.</summary>
public static class ReferralChoices
{
    public static List<SelectListItem> YesNo() => [new("Yes", "true"), new("No", "false")];

    public static List<SelectListItem> Sex() => Items<PatientSex>(s => s.ToString());

    public static List<SelectListItem> Urgencies() =>
        [new("Routine", nameof(Urgency.Routine)), new("Urgent (act within 3 days)", nameof(Urgency.Urgent))];

    public static List<SelectListItem> Diagnoses() => Items<PrimaryDiagnosis>(d => d switch
    {
        PrimaryDiagnosis.Hcc => "Hepatocellular carcinoma (HCC)",
        PrimaryDiagnosis.ColorectalMetastases => "Liver metastases: colorectal",
        PrimaryDiagnosis.NeuroendocrineMetastases => "Liver metastases: neuroendocrine",
        PrimaryDiagnosis.OtherMetastases => "Liver metastases: other",
        PrimaryDiagnosis.IntrahepaticCholangiocarcinoma => "Intrahepatic cholangiocarcinoma",
        _ => "Other",
    });

    public static List<SelectListItem> BclcStages() => Items<BclcStage>(s => s == BclcStage.Stage0 ? "0 (very early)" : s switch
    {
        BclcStage.A => "A (early)",
        BclcStage.B => "B (intermediate)",
        BclcStage.C => "C (advanced)",
        _ => "D (terminal)",
    });

    public static List<SelectListItem> AscitesChoices() =>
        Items<Ascites>(a => a switch { Ascites.None => "None", Ascites.Mild => "Mild", _ => "Moderate to severe" });

    public static List<SelectListItem> EncephalopathyChoices() =>
        Items<Encephalopathy>(e => e switch { Encephalopathy.None => "None", Encephalopathy.Grade1To2 => "Grade 1-2", _ => "Grade 3-4" });

    public static List<SelectListItem> PortalVeinChoices() => Items<PortalVeinStatus>(p => p switch
    {
        PortalVeinStatus.Patent => "Patent",
        PortalVeinStatus.BranchThrombus => "Branch or segmental thrombus",
        _ => "Main portal vein thrombosis or hepatofugal flow",
    });

    public static List<SelectListItem> ContrastReactions() => Items<ContrastReaction>(c => c.ToString());

    public static List<SelectListItem> PregnancyChoices() =>
        Items<Pregnancy>(p => p switch { Pregnancy.No => "No", Pregnancy.Possible => "Possible", _ => "Yes" });

    public static string Describe(ReferralStatus status) => status switch
    {
        ReferralStatus.AwaitingReview => "Awaiting review",
        ReferralStatus.ReadyToSchedule => "Ready to schedule",
        _ => status.ToString(),
    };

    public static string Describe(EligibilityOutcome? outcome) => outcome switch
    {
        EligibilityOutcome.Eligible => "Eligible",
        EligibilityOutcome.NeedsReview => "Needs review",
        EligibilityOutcome.Ineligible => "Ineligible",
        _ => "Not assessed yet",
    };

    /// <summary>
    /// The heading of a timeline line. Event kinds are stable machine names ("BookingCancelled"); people
    /// read "Booking cancelled". A kind added later still reads as words, split at its capitals.
    /// </summary>
    public static string DescribeEvent(string kind) => kind switch
    {
        "NoShow" => "No-show",
        "NotConfirmed" => "Not confirmed in time",
        "RescheduleRequested" => "Patient asked for another date",
        "CancelledByPatient" => "Cancelled by the patient",
        _ => Words(kind),
    };

    private static string Words(string kind)
    {
        var text = new System.Text.StringBuilder(kind.Length + 4);
        foreach (var c in kind)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    private static List<SelectListItem> Items<T>(Func<T, string> text)
        where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => new SelectListItem(text(v), v.ToString())).ToList();
}

/// <summary>The staff patient search; field names match the query's so its errors land beside them.</summary>
public sealed class PatientSearchForm
{
    [System.ComponentModel.DataAnnotations.Display(Name = "Name (first or last, or part of it)")]
    public string? Name { get; set; }

    [System.ComponentModel.DataAnnotations.Display(Name = "Date of birth")]
    public DateOnly? DateOfBirth { get; set; }

    [System.ComponentModel.DataAnnotations.Display(Name = "MRN or referral reference (R-XXXXXX)")]
    public string? Identifier { get; set; }
}

/// <param name="Results">Null before the first search.</param>
public sealed record PatientSearchViewModel(PatientSearchForm Form, IReadOnlyList<SearchPatients.Match>? Results, bool CanOpenBookings);
