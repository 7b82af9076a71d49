using Scheduling.Application.Features.Confirmation;
using Scheduling.Domain.Messaging;

namespace Scheduling.Web.Models.Confirmation;

/// <summary>
/// The clinic's checklist the patient ticks to confirm: one box per item, in the order the page shows
/// them (the items' words come with the appointment, in the patient's language). Rules live in the use
/// case's validator.
/// </summary>
public sealed class ConfirmFormViewModel
{
    public List<bool> Ticked { get; set; } = [];
}

public sealed class CancelFormViewModel
{
    public string? Reason { get; set; }
}

/// <summary>The patient's own mobile number and whether they want texts.</summary>
public sealed class TextSettingsFormViewModel
{
    public string? Mobile { get; set; }

    public bool Consent { get; set; }

    public static TextSettingsFormViewModel From(PatientTextSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new TextSettingsFormViewModel { Mobile = settings.MobileShown, Consent = settings.Consent };
    }
}

public sealed record PatientAppointmentViewModel(
    string Token,
    PatientAppointment Appointment,
    ConfirmFormViewModel Confirm,
    CancelFormViewModel Cancel)
{
    /// <summary>The text settings form (named as the form's fields: Texts.Mobile, Texts.Consent).</summary>
    public TextSettingsFormViewModel Texts { get; init; } = new();

    /// <summary>The text settings were just saved (the page says so once).</summary>
    public bool TextsSaved { get; init; }
}

/// <summary>Which weekdays and part of the day suit the patient for another date, and a note.</summary>
public sealed class AnotherDateFormViewModel
{
    public static readonly IReadOnlyList<DayOfWeek> Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public List<DayOfWeek> Days { get; set; } = [];

    public PreferredTimeOfDay TimeOfDay { get; set; } = PreferredTimeOfDay.Any;

    public string? Note { get; set; }
}

/// <summary>The second screens (cancel, ask for another date): the appointment repeated with one form.</summary>
public sealed record PatientChangeViewModel(
    string Token,
    PatientAppointment Appointment,
    AnotherDateFormViewModel AnotherDate,
    CancelFormViewModel Cancel);

/// <summary>The page after an action, or the neutral page for links that no longer work, in <paramref name="Language"/>.</summary>
public sealed record PatientMessageViewModel(string Language, string Title, string Message, string ClinicName, string ClinicPhone)
{
    /// <summary>Repeated after confirming: date, time, arrival and place.</summary>
    public PatientAppointment? Appointment { get; init; }

    /// <summary>The same page in the other patient languages (for a link nobody can tell the language of).</summary>
    public IReadOnlyList<PatientMessageInOtherLanguage> OtherLanguages { get; init; } = [];
}

public sealed record PatientMessageInOtherLanguage(string Language, string Title, string Message);

/// <summary>Helpers the patient views share.</summary>
public static class PatientPage
{
    /// <summary>The language of a view, as the controller set it (ViewData "Lang").</summary>
    public static string LanguageOf(Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary viewData) =>
        viewData["Lang"] as string ?? PatientLanguages.English;
}
