using System.Globalization;

using Scheduling.Application.Common.Clinic;
using Scheduling.Domain.Common;

namespace Scheduling.Web.Models;

/// <summary>
/// Every date, time and size a page shows, in the clinic's zone and culture (the formats themselves
/// are <see cref="ClinicFormats"/>, shared with the emails), and the machine forms that links and
/// date inputs need. Injected into every view as <c>Format</c>; views format nothing themselves.
/// </summary>
public sealed class ClinicDisplay(ClinicTime clinicTime)
{
    /// <summary>A stored UTC instant in clinic time: "Wed 2 Dec 2026, 9:30 AM".</summary>
    public string FromUtc(DateTime utc) => ClinicFormats.DayAndTime(clinicTime.ToLocal(utc), clinicTime);

    /// <summary>A stored UTC instant with the zone in force then: "Wed 2 Dec 2026, 9:30 AM EST".</summary>
    public string FromUtcWithZone(DateTime utc) => $"{FromUtc(utc)} {ClinicTimeLabel.For(clinicTime, utc)}";

    /// <summary>A clinic-time value: "Wed 2 Dec 2026, 9:30 AM".</summary>
    public string DayAndTime(DateTime local) => ClinicFormats.DayAndTime(local, clinicTime);

    /// <summary>A clinic-time range on one day: "Wed 2 Dec 2026, 9:30 AM–11:00 AM".</summary>
    public string Range(DateTime localStart, DateTime localEnd) => $"{DayAndTime(localStart)}–{Time(localEnd)}";

    /// <summary>A clinic-time clock reading in the clinic's style: "9:30 AM" (en-US), "09:30" (en-GB).</summary>
    public string Time(DateTime local) => clinicTime.Time(local);

    /// <summary>A template's clock time in the same style.</summary>
    public string Time(TimeOnly time) => clinicTime.Time(time);

    /// <summary>A clinic day in a list: "Wed 2 Dec 2026".</summary>
    public string Day(DateOnly date) => ClinicFormats.Day(date);

    /// <summary>A clinic day as a heading: "Wednesday 2 December 2026".</summary>
    public string LongDay(DateOnly date) => ClinicFormats.LongDay(date);

    /// <summary>A day in a week's column: "Wed 2 Dec".</summary>
    public string ShortDay(DateOnly date) => ClinicFormats.ShortDay(date);

    /// <summary>A weekday's name: "Monday".</summary>
    public string DayName(DayOfWeek day) => ClinicFormats.Culture.DateTimeFormat.GetDayName(day);

    /// <summary>A date that is not a clinic day (birth, labs, imaging): "12 Apr 1958"; none: <paramref name="none"/>.</summary>
    public string Date(DateOnly? date, string none = "") => date is { } d ? ClinicFormats.Date(d) : none;

    /// <summary>
    /// An audit entry's time (stored UTC) as every other page writes a time: "Wed 2 Dec 2026, 7:30 AM". No seconds on
    /// screen: entries are listed newest first, so their order within a minute is the list's order; the
    /// exact instant is in the entry's <c>&lt;time datetime&gt;</c> (<see cref="IsoInstant"/>).
    /// </summary>
    public string Timestamp(DateTime utc) => FromUtc(utc);

    /// <summary>The machine form of a UTC instant, to the second, for <c>&lt;time datetime&gt;</c>: "2026-12-02T12:30:15Z".</summary>
    public string IsoInstant(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>An uploaded file's size: "312 KB".</summary>
    public string FileSize(long bytes) => (bytes / 1024m).ToString("0", ClinicFormats.Culture) + " KB";

    /// <summary>The form links and <c>&lt;input type="date"&gt;</c> carry, whatever the culture: "2026-12-02".</summary>
    public string? IsoDate(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The form <c>&lt;input type="time"&gt;</c> carries: "09:30".</summary>
    public string? IsoTime(TimeOnly? time) => time?.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The form <c>&lt;input type="number"&gt;</c> carries: "4.5".</summary>
    public string? InputNumber(decimal? value) => value?.ToString("0.##", CultureInfo.InvariantCulture);
}
