namespace Scheduling.Application.Features.Messaging;

/// <summary>
/// What goes into the .ics attachment. Summary and description are generic on purpose: a calendar
/// entry is often synced to other devices and must not reveal the diagnosis.
/// </summary>
public sealed record AppointmentInvite(
    Guid BookingId,
    int BookingVersion,
    DateTime StartUtc,
    DateTime EndUtc,
    string TimeZoneId,
    string Summary,
    string Location,
    string Description,
    bool Cancelled = false)
{
    /// <summary>The language of the summary and description (RFC 5545 LANGUAGE parameter).</summary>
    public string Language { get; init; } = "en";
}

public interface ICalendarFiles
{
    /// <summary>An iCalendar file (RFC 5545) with the clinic time zone, as UTF-8 bytes.</summary>
    byte[] Build(AppointmentInvite invite);
}
