using System.Globalization;

using Scheduling.Domain.Common;

namespace Scheduling.Domain.Capacity;

/// <summary>
/// One resource as the availability rules see it: what it is, how many it takes, whether it is in
/// use, its weekly hours (ignored for rooms, whose hours are their slots) and its unavailability
/// near the time asked about.
/// </summary>
public sealed record ResourceCalendar(
    Guid Id,
    ResourceKind Kind,
    string Name,
    int Capacity,
    bool IsActive,
    IReadOnlyList<WeeklyWindow> Hours,
    IReadOnlyList<UnavailableWindow> Unavailable)
{
    public UnavailableWindow? UnavailableDuring(UnitSpan span) =>
        Unavailable.Where(u => u.Units.Overlaps(span)).OrderBy(u => u.StartUtc).FirstOrDefault();

    /// <summary>Whether its weekly hours cover the whole interval (rooms: always; their slots say when they work).</summary>
    public bool WorksDuring(DateTime startUtc, DateTime endUtc, ClinicTime clinicTime)
    {
        ArgumentNullException.ThrowIfNull(clinicTime);
        if (Kind == ResourceKind.Room)
        {
            return true;
        }

        var localStart = clinicTime.ToLocal(startUtc);
        var localEnd = clinicTime.ToLocal(endUtc);
        return Hours.Any(h => h.Covers(localStart, localEnd));
    }

    /// <summary>
    /// Why its weekly hours leave out [startUtc, endUtc), in words ("Dr Lee not working then (not on
    /// Thursdays)", "... (Tuesdays 7:00 AM–1:00 PM)"); null when they cover it.
    /// </summary>
    public string? NotWorkingDuring(DateTime startUtc, DateTime endUtc, ClinicTime clinicTime) =>
        WorksDuring(startUtc, endUtc, clinicTime)
            ? null
            : $"{Name} not working then ({HoursText(clinicTime.LocalDate(startUtc).DayOfWeek, clinicTime)})";

    /// <summary>
    /// Why it cannot be claimed for <paramref name="span"/> (the interval [startUtc, endUtc)), in words
    /// a scheduler reads ("Dr Lee on leave until Fri 6 Mar", "Dr Kim busy with another case 07:30–09:00");
    /// null when it can.
    /// </summary>
    public string? WhyNot(UnitSpan span, DateTime startUtc, DateTime endUtc, ClaimOccupancy occupancy, ClinicTime clinicTime)
    {
        ArgumentNullException.ThrowIfNull(occupancy);
        ArgumentNullException.ThrowIfNull(clinicTime);
        if (!IsActive)
        {
            return $"{Name} is not in use";
        }

        if (NotWorkingDuring(startUtc, endUtc, clinicTime) is { } offDuty)
        {
            return offDuty;
        }

        if (UnavailableDuring(span) is { } away)
        {
            return $"{Name} {away.What} {CapacityText.Window(away.StartUtc, away.EndUtc, startUtc, clinicTime)}";
        }

        if (!occupancy.HasPlace(Id, span, Capacity))
        {
            return Kind == ResourceKind.RecoveryUnit
                ? $"{Name} full {CapacityText.Range(startUtc, endUtc, clinicTime)}"
                : $"{Name} busy with another case {CapacityText.Range(startUtc, endUtc, clinicTime)}";
        }

        return null;
    }

    private string HoursText(DayOfWeek weekday, ClinicTime clinicTime)
    {
        var day = CultureInfo.InvariantCulture.DateTimeFormat.GetDayName(weekday);
        return Hours.FirstOrDefault(h => h.Weekday == weekday) is { } hours
            ? $"{day}s {clinicTime.Time(hours.From)}–{clinicTime.Time(hours.To)}"
            : $"not on {day}s";
    }
}

/// <summary>The few ways the availability rules write times: clinic time, in the clinic's clock style (<see cref="ClinicTime.Clock"/>).</summary>
public static class CapacityText
{
    /// <summary>"11:00–15:00" in clinic time.</summary>
    public static string Range(DateTime startUtc, DateTime endUtc, ClinicTime clinicTime)
    {
        ArgumentNullException.ThrowIfNull(clinicTime);
        return $"{clinicTime.Time(clinicTime.ToLocal(startUtc))}–{clinicTime.Time(clinicTime.ToLocal(endUtc))}";
    }

    /// <summary>
    /// An unavailability as seen from one case: its hours when it lies within the case's day
    /// ("13:00–17:00"), "all day" for the whole of the case's day, otherwise until when it lasts ("until Fri 6 Mar").
    /// </summary>
    public static string Window(DateTime fromUtc, DateTime toUtc, DateTime caseStartUtc, ClinicTime clinicTime)
    {
        ArgumentNullException.ThrowIfNull(clinicTime);
        var day = clinicTime.LocalDate(caseStartUtc);
        var from = clinicTime.ToLocal(fromUtc);
        var to = clinicTime.ToLocal(toUtc);
        if (DateOnly.FromDateTime(from) == day && DateOnly.FromDateTime(to) == day)
        {
            return $"{clinicTime.Time(from)}–{clinicTime.Time(to)}";
        }

        // Leave "to 6 Mar 00:00" ends with the 5th; say the last day it covers.
        var lastDay = DateOnly.FromDateTime(to.TimeOfDay == TimeSpan.Zero ? to.AddDays(-1) : to);
        if (lastDay == day && to.TimeOfDay == TimeSpan.Zero)
        {
            return DateOnly.FromDateTime(from) == day && from.TimeOfDay == TimeSpan.Zero ? "all day" : "until the end of the day";
        }

        return lastDay == day ? $"until {clinicTime.Time(to)}" : $"until {lastDay.ToString("ddd d MMM", CultureInfo.InvariantCulture)}";
    }
}
