using Scheduling.Domain.Common;
using Scheduling.Domain.Slots;

namespace Scheduling.UnitTests.Slots;

/// <summary>Small builders so each test states only what it is about.</summary>
internal static class SlotTestData
{
    public static readonly ClinicTime NewYork = ClinicTime.FromTimeZoneId("America/New_York");

    public static readonly TimeOnly DesignFirstStart = new(7, 30);
    public static readonly TimeOnly DesignUnitCloses = new(19, 0);

    // The worked example in DESIGN.md: 07:30 first start, 30 min turnover, 4 h recovery, close 19:00.
    public static DayTemplate DesignTemplate(DayOfWeek weekday) =>
        new(weekday, DesignFirstStart, 30, TimeSpan.FromHours(4), DesignUnitCloses);

    public static RoomSchedule Room(Guid id, params DayTemplate[] templates) => new(id, true, templates);

    public static RoomSchedule WeekdayRoom(Guid id) =>
        Room(id, [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(DesignTemplate)]);

    public static TimeOnly[] Times(params string[] hhmm) => [.. hhmm.Select(t => TimeOnly.ParseExact(t, "HH:mm"))];

    public static DateTime Utc(int year, int month, int day, int hour, int minute) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Utc);
}
