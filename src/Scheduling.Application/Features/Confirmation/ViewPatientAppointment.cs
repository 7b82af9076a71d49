using Mediator;

using Microsoft.Extensions.Logging;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Eligibility;

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

            var preparation = await appointment.PreparationAsync(db, criteria, cancellationToken);
            return new PatientAppointment(
                appointment.Referral.PatientFirstName,
                appointment.Date,
                appointment.Time,
                appointment.ArrivalDescription,
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
                ConfirmationChecklist = appointments.Checklist,
                Directions = clinic.Directions,
                PatientFooter = clinic.PatientFooter,
            };
        }
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

    /// <summary>What the patient ticks to confirm, as the clinic words it now.</summary>
    public IReadOnlyList<string> ConfirmationChecklist { get; init; } = [];

    public string Directions { get; init; } = string.Empty;

    public string TransplantBridge { get; init; } = string.Empty;

    public string PatientFooter { get; init; } = string.Empty;
}
