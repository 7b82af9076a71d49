using System.Text;

using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

using Microsoft.Extensions.Options;

using Scheduling.Application.Features.Messaging;


namespace Scheduling.Infrastructure.Messaging;

/// <summary>
/// Builds the appointment's .ics with Ical.Net. Times are written in the clinic's zone with its
/// VTIMEZONE so calendars show the right wall-clock time across DST; the UID is stable per booking
/// and SEQUENCE is the booking version, so a rescheduled invite updates the entry instead of adding one.
/// </summary>
internal sealed class IcsCalendarFiles(IOptions<EmailOptions> options, TimeProvider clock) : ICalendarFiles
{
    public byte[] Build(AppointmentInvite invite)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(invite.TimeZoneId);
        var localStart = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(invite.StartUtc, DateTimeKind.Utc), zone);
        var localEnd = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(invite.EndUtc, DateTimeKind.Utc), zone);

        var calendar = new Calendar { ProductId = "-//Interventional Radiology//TACE Scheduling//EN" };
        calendar.Method = invite.Cancelled ? "CANCEL" : "PUBLISH";
        calendar.AddTimeZone(invite.TimeZoneId);

        var appointment = new CalendarEvent
        {
            Uid = $"{invite.BookingId:N}@{options.Value.MessageIdDomain}",
            Sequence = invite.BookingVersion,
            Summary = invite.Summary,
            Location = invite.Location,
            Description = invite.Description,
            Start = new CalDateTime(DateTime.SpecifyKind(localStart, DateTimeKind.Unspecified), invite.TimeZoneId, hasTime: true),
            End = new CalDateTime(DateTime.SpecifyKind(localEnd, DateTimeKind.Unspecified), invite.TimeZoneId, hasTime: true),
            DtStamp = new CalDateTime(clock.GetUtcNow().UtcDateTime, "UTC", hasTime: true),
            Status = invite.Cancelled ? "CANCELLED" : "CONFIRMED",
        };
        calendar.Events.Add(appointment);

        return Encoding.UTF8.GetBytes(new CalendarSerializer().SerializeToString(calendar) ?? string.Empty);
    }
}
