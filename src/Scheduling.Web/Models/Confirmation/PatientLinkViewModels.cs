using System.ComponentModel.DataAnnotations;

using Scheduling.Application.Features.Confirmation;

namespace Scheduling.Web.Models.Confirmation;

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

/// <summary>Which weekdays and part of the day suit the patient for another date, and a note.</summary>
public sealed class AnotherDateFormViewModel
{
    public static readonly IReadOnlyList<DayOfWeek> Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public List<DayOfWeek> Days { get; set; } = [];

    public PreferredTimeOfDay TimeOfDay { get; set; } = PreferredTimeOfDay.Any;

    [Display(Name = "Anything else we should know (optional)")]
    public string? Note { get; set; }
}

/// <summary>The second screens (cancel, ask for another date): the appointment repeated with one form.</summary>
public sealed record PatientChangeViewModel(
    string Token,
    PatientAppointment Appointment,
    AnotherDateFormViewModel AnotherDate,
    CancelFormViewModel Cancel);

/// <summary>The page after an action, or the neutral page for links that no longer work.</summary>
public sealed record PatientMessageViewModel(string Title, string Message, string ClinicName, string ClinicPhone)
{
    /// <summary>Repeated after confirming: date, time, arrival and place.</summary>
    public PatientAppointment? Appointment { get; init; }
}
