using Scheduling.Domain.Common;

namespace Scheduling.Domain.Capacity;

/// <summary>
/// When a physician, nurse or recovery unit is available on one weekday, in clinic wall-clock time;
/// (resource, weekday) is unique and a weekday without a row means not available that day. Rooms
/// have their day templates instead.
/// </summary>
public sealed class WeeklyHours : Entity
{
    public static readonly TimeOnly DefaultFrom = new(7, 0);
    public static readonly TimeOnly DefaultTo = new(19, 0);

    private WeeklyHours()
    {
    }

    public Guid ResourceId { get; private set; }

    public DayOfWeek Weekday { get; private set; }

    public TimeOnly From { get; private set; }

    public TimeOnly To { get; private set; }

    public static WeeklyHours Create(Guid resourceId, WeeklyWindow window)
    {
        var hours = new WeeklyHours { ResourceId = resourceId, Weekday = window.Weekday };
        hours.Change(window);
        return hours;
    }

    /// <summary>Monday to Friday, 07:00 to 19:00: what a new physician, nurse or unit starts with.</summary>
    public static IEnumerable<WeeklyWindow> Defaults() =>
        new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new WeeklyWindow(d, DefaultFrom, DefaultTo));

    public void Change(WeeklyWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (window.Weekday != Weekday)
        {
            throw new DomainException($"These hours are for {Weekday}, not {window.Weekday}.");
        }

        if (window.Problem() is { } problem)
        {
            throw new DomainException(problem);
        }

        From = window.From;
        To = window.To;
    }

    public WeeklyWindow ToWindow() => new(Weekday, From, To);
}

/// <summary>Available from <see cref="From"/> to <see cref="To"/> (clinic time) on <see cref="Weekday"/>.</summary>
public sealed record WeeklyWindow(DayOfWeek Weekday, TimeOnly From, TimeOnly To)
{
    /// <summary>What is wrong with these hours, times in the clinic's <paramref name="clock"/> style (the default one when not given); null when nothing is.</summary>
    public string? Problem(ClockStyle? clock = null) =>
        !Enum.IsDefined(Weekday) ? "Weekday is not a day of the week."
        : To <= From ? $"The end ({(clock ?? ClockStyle.Default).Format(To)}) must be after the start ({(clock ?? ClockStyle.Default).Format(From)})."
        : null;

    /// <summary>Whether the clinic-local interval lies inside these hours (same day, start and end within).</summary>
    public bool Covers(DateTime localStart, DateTime localEnd)
    {
        var date = DateOnly.FromDateTime(localStart);
        if (date.DayOfWeek != Weekday || localEnd < localStart)
        {
            return false;
        }

        var endDate = DateOnly.FromDateTime(localEnd);
        var end = TimeOnly.FromDateTime(localEnd);

        // An interval ending exactly at midnight ends "at 24:00" of its own day.
        var endsThatDay = endDate == date || (endDate == date.AddDays(1) && end == TimeOnly.MinValue && To == TimeOnly.MaxValue);
        return endsThatDay && TimeOnly.FromDateTime(localStart) >= From && (endDate != date || end <= To);
    }
}
