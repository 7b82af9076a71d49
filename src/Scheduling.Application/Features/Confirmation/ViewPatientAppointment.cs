using Mediator;

using Microsoft.EntityFrameworkCore;

using Microsoft.Extensions.Logging;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Languages;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Messaging;

namespace Scheduling.Application.Features.Confirmation;

/// <summary>
/// What the patient sees behind their link. Reading changes nothing (mail scanners open links), apart
/// from the audit line every view of patient data gets.
/// </summary>
public static class ViewPatientAppointment
{
    public sealed record Query(string? Token) : IQuery<Result<PatientAppointment>>, IAuditedQuery;

    public sealed class Handler(
        IApplicationDbContext db,
        IAuditLog audit,
        ClinicTime clinicTime,
        AppointmentPolicy appointments,
        ClinicOptions clinic,
        EligibilityCriteria criteria,
        PatientTexts texts,
        TextingPolicy texting,
        TimeProvider clock,
        ILogger<Handler> logger) : IQueryHandler<Query, Result<PatientAppointment>>
    {
        public async ValueTask<Result<PatientAppointment>> Handle(Query query, CancellationToken cancellationToken)
        {
            var opened = await PatientLinks.OpenAsync(db, clinicTime, appointments, query.Token, clock.GetUtcNow().UtcDateTime, logger, cancellationToken);
            if (opened is null)
            {
                return Error.NotFound();
            }

            var appointment = opened.Appointment;
            audit.RecordView("Booking", appointment.Booking.Id, "Appointment page opened through the patient link.");

            var preparation = await appointment.PreparationAsync(db, criteria, texts, cancellationToken);
            var when = appointment.When(texts);
            var referral = appointment.Referral;
            var stopped = referral.PatientMobile is { } mobile
                && await db.TextOptOuts.AsNoTracking().AnyAsync(o => o.PhoneNumber == mobile, cancellationToken);
            return new PatientAppointment(
                referral.PatientFirstName,
                when.Date,
                when.Time,
                when.Arrival,
                appointment.Location,
                clinic.Name,
                clinic.Address,
                clinic.Phone,
                preparation.ChecklistItems,
                preparation.Premedication,
                preparation.RepeatTests,
                appointment.Booking.Status == BookingStatus.Confirmed,
                appointment.Booking.PatientRequest == PatientRequest.Reschedule)
            {
                ProcedureDescription = preparation.ProcedureDescription,
                GoingHome = preparation.GoingHome,
                TransplantBridge = preparation.TransplantBridge,
                ConfirmationChecklist = ConfirmationChecklist(appointments, texts, appointment.Language),
                Directions = clinic.Directions,
                PatientFooter = clinic.PatientFooter,
                Language = appointment.Language,
                Texts = new PatientTextSettings(texting.Enabled, referral.PatientMobile, referral.TextConsent, stopped),
            };
        }
    }

    /// <summary>
    /// The checklist the patient ticks, in their language: the catalogue's words while the clinic keeps
    /// the built-in checklist; once the clinic has written its own items (on its settings page, in one
    /// language), those, as written.
    /// </summary>
    public static IReadOnlyList<string> ConfirmationChecklist(AppointmentPolicy appointments, PatientTexts texts, string language)
    {
        ArgumentNullException.ThrowIfNull(appointments);
        ArgumentNullException.ThrowIfNull(texts);
        return appointments.Checklist.SequenceEqual(AppointmentPolicy.DefaultChecklist)
            ? [texts[language, "Confirm.DriverArranged"], texts[language, "Confirm.FastingUnderstood"], texts[language, "Confirm.MedicinesListReady"]]
            : appointments.Checklist;
    }
}

public sealed record PatientAppointment(
    string FirstName,
    string Date,
    string Time,
    string ArrivalTime,
    string Location,
    string ClinicName,
    string ClinicAddress,
    string ClinicPhone,
    IReadOnlyList<string> Checklist,
    string Premedication,
    string RepeatTests,
    bool IsConfirmed,
    bool RescheduleRequested)
{
    public string ProcedureDescription { get; init; } = string.Empty;

    /// <summary>Home the same day, or the overnight stay for a referral flagged "overnight bed likely".</summary>
    public string GoingHome { get; init; } = string.Empty;

    /// <summary>The language every word of the page is in (the patient's).</summary>
    public string Language { get; init; } = PatientLanguages.English;

    public PatientTextSettings Texts { get; init; } = new(false, null, false, false);

    /// <summary>What the patient ticks to confirm, as the clinic words it now.</summary>
    public IReadOnlyList<string> ConfirmationChecklist { get; init; } = [];

    public string Directions { get; init; } = string.Empty;

    public string TransplantBridge { get; init; } = string.Empty;

    public string PatientFooter { get; init; } = string.Empty;
}

/// <summary>
/// What the patient page shows and lets the patient change about text messages.
/// <paramref name="Offered"/> is false when the clinic sends no texts at all (the section is hidden).
/// </summary>
/// <param name="Mobile">E.164, or null.</param>
/// <param name="Stopped">The number replied STOP: nothing is sent to it until it replies START.</param>
public sealed record PatientTextSettings(bool Offered, string? Mobile, bool Consent, bool Stopped)
{
    public string? MobileShown => Mobile is null ? null : MobileNumbers.Display(Mobile);

    public bool TextsGo => Offered && Consent && Mobile is not null && !Stopped;
}
