using System.ComponentModel.DataAnnotations;

using Scheduling.Application.Features.Confirmation;

namespace Scheduling.Web.Models.PatientLink;

/// <summary>The pre-procedure checklist the patient ticks to confirm. Rules live in the use case's validator.</summary>
public sealed class ConfirmFormViewModel
{
    [Display(Name = "A responsible adult will drive me home, and I will not drive for 24 hours.")]
    public bool DriverArranged { get; set; }

    [Display(Name = "I understand: nothing to eat after midnight, clear liquids until 2 hours before I arrive.")]
    public bool FastingUnderstood { get; set; }

    [Display(Name = "I have a list of all my medicines ready to bring.")]
    public bool MedicinesListReady { get; set; }
}

public sealed class CancelFormViewModel
{
    [Display(Name = "Reason (optional)")]
    public string? Reason { get; set; }
}

public sealed record PatientAppointmentViewModel(
    string Token,
    PatientAppointment Appointment,
    ConfirmFormViewModel Confirm,
    CancelFormViewModel Cancel);

/// <summary>The page after an action, or the neutral page for links that no longer work.</summary>
public sealed record PatientMessageViewModel(string Title, string Message, string ClinicName, string ClinicPhone);
