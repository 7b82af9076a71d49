using Mediator;

using Microsoft.Extensions.Logging;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Languages;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;

namespace Scheduling.Application.Features.Confirmation;

/// <summary>
/// The calendar file behind the patient's link, as the appointment stands now: tentative before the
/// patient confirms, confirmed after, with the same UID as the one the booking email carried and a
/// higher SEQUENCE, so adding it updates the entry already in the patient's calendar. Reading it
/// changes nothing; it is audited like the page.
/// </summary>
public static class DownloadAppointmentCalendar
{
    public sealed record Query(string? Token) : IQuery<Result<CalendarFile>>, IAuditedQuery;

    public sealed record CalendarFile(byte[] Content, string FileName);

    public sealed class Handler(
        IApplicationDbContext db,
        IAuditLog audit,
        ClinicTime clinicTime,
        AppointmentPolicy appointments,
        ClinicOptions clinic,
        ICalendarFiles calendarFiles,
        PatientTexts texts,
        TimeProvider clock,
        ILogger<Handler> logger) : IQueryHandler<Query, Result<CalendarFile>>
    {
        public async ValueTask<Result<CalendarFile>> Handle(Query query, CancellationToken cancellationToken)
        {
            var opened = await PatientLinks.OpenAsync(db, clinicTime, appointments, query.Token, clock.GetUtcNow().UtcDateTime, logger, cancellationToken);
            if (opened is null)
            {
                return Error.NotFound();
            }

            var appointment = opened.Appointment;
            audit.RecordDownload("Booking", appointment.Booking.Id);
            return new CalendarFile(calendarFiles.Build(appointment.CalendarInvite(clinic, appointments, texts)), "appointment.ics");
        }
    }
}
