namespace Scheduling.Application.Features.Messaging;

/// <summary>Where the entry stands in the patient's calendar.</summary>
public enum CalendarStatus
{
    /// <summary>Booked, not yet confirmed by the patient.</summary>
    Tentative,
    Confirmed,
    Cancelled,
}

/// <summary>
/// What goes into the .ics attachment. It starts at the arrival time (when the patient must be there)
/// and ends with the procedure. Summary and description are generic on purpose: a calendar entry is
/// often synced to other devices and must not reveal the diagnosis.
/// </summary>
public sealed record AppointmentInvite(
    Guid BookingId,
    int Sequence,
    DateTime ArrivalUtc,
    DateTime EndUtc,
    string TimeZoneId,
    string Summary,
    string Location,
    string Description,
    CalendarStatus Status,
    string AlarmText);

public interface ICalendarFiles
{
    /// <summary>An iCalendar file (RFC 5545) with the clinic time zone, as UTF-8 bytes.</summary>
    byte[] Build(AppointmentInvite invite);
}
