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
/// VTIMEZONE so calendars show the right wall-clock time across DST. The UID is stable per booking and
/// SEQUENCE rises with every change (moved, confirmed, cancelled), so each new file updates the one
/// entry. TENTATIVE until the patient confirms; the entry starts at the arrival time and has an alarm
/// the day before.
/// </summary>
internal sealed class IcsCalendarFiles(IOptions<EmailOptions> options, TimeProvider clock) : ICalendarFiles
{
    public byte[] Build(AppointmentInvite invite)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(invite.TimeZoneId);
        var localArrival = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(invite.ArrivalUtc, DateTimeKind.Utc), zone);
        var localEnd = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(invite.EndUtc, DateTimeKind.Utc), zone);
        var cancelled = invite.Status == CalendarStatus.Cancelled;

        var calendar = new Calendar { ProductId = "-//Interventional Radiology//TACE Scheduling//EN" };
        calendar.Method = cancelled ? "CANCEL" : "PUBLISH";
        calendar.AddTimeZone(invite.TimeZoneId);

        var appointment = new CalendarEvent
        {
            Uid = $"{invite.BookingId:N}@{options.Value.MessageIdDomain}",
            Sequence = invite.Sequence,
            Summary = invite.Summary,
            Location = invite.Location,
            Description = invite.Description,
            Start = new CalDateTime(DateTime.SpecifyKind(localArrival, DateTimeKind.Unspecified), invite.TimeZoneId, hasTime: true),
            End = new CalDateTime(DateTime.SpecifyKind(localEnd, DateTimeKind.Unspecified), invite.TimeZoneId, hasTime: true),
            DtStamp = new CalDateTime(clock.GetUtcNow().UtcDateTime, "UTC", hasTime: true),
            Status = invite.Status switch
            {
                CalendarStatus.Confirmed => EventStatus.Confirmed,
                CalendarStatus.Cancelled => EventStatus.Cancelled,
                _ => EventStatus.Tentative,
            },
            Transparency = TransparencyType.Opaque,
        };
        if (!cancelled)
        {
            appointment.Alarms.Add(new Alarm
            {
                Action = AlarmAction.Display,
                Description = invite.AlarmText,
                Trigger = new Trigger(Duration.FromDays(-1)),
            });
        }

        calendar.Events.Add(appointment);
        return Encoding.UTF8.GetBytes(new CalendarSerializer().SerializeToString(calendar) ?? string.Empty);
    }
}
