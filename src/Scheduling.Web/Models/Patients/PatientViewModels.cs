using System.ComponentModel.DataAnnotations;

using Scheduling.Application.Features.Patients;

namespace Scheduling.Web.Models.Patients;

public sealed record PatientPageViewModel(GetPatient.PatientPage Patient);

/// <summary>The referral's patient record panel (staff): the linked record or the matches, and the course flag.</summary>
public sealed record ReferralPatientViewModel(GetReferralPatient.ReferralPatient Data, string ReturnUrl);

/// <summary>Undoing a wrong link, with the reason.</summary>
public sealed class UnlinkPageViewModel
{
    public required GetReferralPatient.ReferralPatient Data { get; init; }

    public required string ReturnUrl { get; init; }

    [Display(Name = "Why the link is wrong")]
    public string? Reason { get; set; }
}
