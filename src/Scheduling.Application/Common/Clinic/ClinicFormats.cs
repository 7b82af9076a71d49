using System.Globalization;

namespace Scheduling.Application.Common.Clinic;

/// <summary>
/// The clinic's one culture (Clinic:Culture, default en-US) and the date and time formats each
/// purpose uses, so pages and emails read the same whatever the server's locale. Set once at start
/// from configuration; request localization and the background threads use the same culture.
/// </summary>
public static class ClinicFormats
{
    public const string DefaultCulture = "en-US";

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

    /// <summary>The audit log, to the second: "2026-12-02 09:30:15".</summary>
    public static string Timestamp(DateTime local) => local.ToString("yyyy-MM-dd HH:mm:ss", Culture);

    /// <summary>Staff lists and timelines: "Wed 2 Dec 2026, 09:30".</summary>
    public static string DayAndTime(DateTime local) => local.ToString("ddd d MMM yyyy, HH:mm", Culture);

    /// <summary>Staff clock time: "09:30".</summary>
    public static string Time(DateTime local) => local.ToString("HH:mm", Culture);

    /// <summary>Staff clock time of a template: "09:30".</summary>
    public static string Time(TimeOnly time) => time.ToString("HH:mm", Culture);

    /// <summary>What a patient reads in a letter: "Wednesday, December 2, 2026".</summary>
    public static string PatientDate(DateTime local) => local.ToString("dddd, MMMM d, yyyy", Culture);

    /// <summary>What a patient reads in a letter: "9:30 AM".</summary>
    public static string PatientTime(DateTime local) => local.ToString("h:mm tt", Culture);

    /// <summary>A patient's day without the year: "Wednesday, December 2".</summary>
    public static string PatientDay(DateTime local) => local.ToString("dddd, MMMM d", Culture);
}
