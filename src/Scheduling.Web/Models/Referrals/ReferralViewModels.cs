using Microsoft.AspNetCore.Mvc.Rendering;

using Scheduling.Application.Common.Display;
using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Messaging;
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

    /// <summary>Already sent (awaiting review, asked for more information, in the queue): the form updates and resubmits; no draft.</summary>
    public bool IsSent { get; set; }

    /// <summary>What the IR physician asked for, shown above the form while the doctor answers it.</summary>
    public string? InformationRequest { get; set; }

    /// <summary>Planned by the clinic as the next session of this treatment course: the doctor confirms it with new labs and imaging.</summary>
    public Guid? PlannedFromCourse { get; set; }
}

/// <summary>Everything the details page shows, for the referring doctor or the clinic's staff.</summary>
public sealed record ReferralPageViewModel(GetReferral.ReferralView Referral, string BackUrl, string BackText, bool CanSchedule = false)
{
    public bool ShowDoctorActions => Referral.IsOwnReferral;

    /// <summary>A scheduler on a referral ready to schedule can book it from here, as from the queue.</summary>
    public bool ShowBookLink => CanSchedule && Referral.Status == ReferralStatus.ReadyToSchedule;

    /// <summary>A scheduler on a scheduled referral can open its appointment (reschedule, cancel, outcome).</summary>
    public Guid? BookingToOpen => CanSchedule ? Referral.ActiveBookingId : null;

    /// <summary>The clinic's staff see the patient record panel (matches to link, the course and its flag).</summary>
    public bool IsStaffView { get; init; }
}

public sealed record MyReferralsViewModel(IReadOnlyList<ListMyReferrals.Row> Rows);

public sealed class WithdrawFormViewModel
{
    public string? Reason { get; set; }
}

/// <summary>The questionnaire's choices for the form; labels from <see cref="DisplayNames"/>, values are the enum names the server binds.</summary>
public static class ReferralChoices
{
    public static List<SelectListItem> YesNo() => [new("Yes", "true"), new("No", "false")];

    public static List<SelectListItem> Sex() => Items<PatientSex>(s => DisplayNames.For(s));

    public static List<SelectListItem> Urgencies() => Items<Urgency>(u => DisplayNames.For(u));

    /// <summary>Each language patients are written to in, then "another language (interpreter needed)".</summary>
    public static List<SelectListItem> Languages() =>
        PatientLanguages.Choices.Select(code => new SelectListItem(DisplayNames.Language(code), code)).ToList();

    public static List<SelectListItem> Diagnoses() => Items<PrimaryDiagnosis>(DisplayNames.For);

    public static List<SelectListItem> BclcStages() => Items<BclcStage>(DisplayNames.For);

    public static List<SelectListItem> AscitesChoices() => Items<Ascites>(DisplayNames.For);

    public static List<SelectListItem> EncephalopathyChoices() => Items<Encephalopathy>(DisplayNames.For);

    public static List<SelectListItem> PortalVeinChoices() => Items<PortalVeinStatus>(DisplayNames.For);

    public static List<SelectListItem> ContrastReactions() => Items<ContrastReaction>(DisplayNames.For);

    public static List<SelectListItem> PregnancyChoices() => Items<Pregnancy>(DisplayNames.For);

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

/// <summary>
/// Question numbers as the form shows them, top to bottom. The criteria table numbers them by
/// topic (1, 2, 10, 11, 12, 5 ... in the form's order); findings and data keep the table's criterion
/// ids, and people read these numbers, the same on the form and the referral page.
/// </summary>
public static class QuestionNumbers
{
    /// <summary>Criterion ids in the order the form asks them.</summary>
    private static readonly int[] FormOrder = [1, 2, 10, 11, 12, 5, 6, 7, 8, 9, 3, 20, 4, 15, 16, 17, 18, 19, 14, 13];

    /// <summary>"3." for a one-field question; "5a." for a part of one with several fields.</summary>
    public static string For(int criterion, char? part = null)
    {
        var index = Array.IndexOf(FormOrder, criterion);
        if (index < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(criterion), criterion, "Not a criterion of the form.");
        }

        return $"{index + 1}{part}.";
    }
}
