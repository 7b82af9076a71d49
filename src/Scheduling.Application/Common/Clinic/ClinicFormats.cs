using System.Globalization;

using Scheduling.Domain.Common;

namespace Scheduling.Application.Common.Clinic;

/// <summary>
/// The clinic's one culture (Clinic:Culture, default en-US) and the date formats each purpose uses,
/// so pages and emails read the same whatever the server's locale. Set once at start from
/// configuration; request localization and the background threads use the same culture. Clock
/// times are written by <see cref="ClinicTime.Time(DateTime)"/> (the culture's short time, one style
/// for staff and patients), which the Domain's messages use too.
/// </summary>
public static class ClinicFormats
{
    public const string DefaultCulture = ClockStyle.DefaultCulture;

    /// <summary>The clinic's culture; every formatted date, time and number on pages and in emails uses it.</summary>
    public static CultureInfo Culture { get; private set; } = CultureInfo.GetCultureInfo(DefaultCulture);

    public static void UseCulture(string name) => Culture = CultureInfo.GetCultureInfo(name, predefinedOnly: true);

    /// <summary>Staff lists and timelines: "Wed 2 Dec 2026".</summary>
    public static string Day(DateOnly date) => date.ToString("ddd d MMM yyyy", Culture);

    /// <summary>A page's heading day: "Wednesday 2 December 2026".</summary>
    public static string LongDay(DateOnly date) => date.ToString("dddd d MMMM yyyy", Culture);

    /// <summary>A column of a week: "Wed 2 Dec".</summary>
    public static string ShortDay(DateOnly date) => date.ToString("ddd d MMM", Culture);

    /// <summary>A date that is not a clinic day (birth, labs drawn): "12 Apr 1958".</summary>
    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", Culture);

    /// <summary>
    /// Staff lists, timelines and the audit log: "Wed 2 Dec 2026, 7:30 AM" (en-US), "Wed 2 Dec 2026, 07:30"
    /// (en-GB): the day as <see cref="Day"/>, the time in the clinic's one clock style.
    /// </summary>
    public static string DayAndTime(DateTime local, ClinicTime clinicTime)
    {
        ArgumentNullException.ThrowIfNull(clinicTime);
        return $"{Day(DateOnly.FromDateTime(local))}, {clinicTime.Time(local)}";
    }

    /// <summary>What a patient reads in a letter: "Wednesday, December 2, 2026".</summary>
    public static string PatientDate(DateTime local) => local.ToString("dddd, MMMM d, yyyy", Culture);
}
