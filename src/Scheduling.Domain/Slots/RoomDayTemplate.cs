using Scheduling.Domain.Common;

namespace Scheduling.Domain.Slots;

/// <summary>
/// One weekday of a room's weekly schedule as an admin saved it; (room, weekday) is unique. Recovery
/// is kept in whole minutes so both providers store and compare it the same way.
/// </summary>
public sealed class RoomDayTemplate : Entity
{
    private RoomDayTemplate()
    {
    }

    public Guid RoomId { get; private set; }

    public DayOfWeek Weekday { get; private set; }

    public TimeOnly FirstStart { get; private set; }

    public int TurnoverMinutes { get; private set; }

    public int RecoveryMinutes { get; private set; }

    public TimeOnly UnitCloses { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    public static RoomDayTemplate Create(Guid roomId, DayTemplate template, DateTime nowUtc)
    {
        var entity = new RoomDayTemplate { RoomId = roomId, Weekday = template.Weekday };
        entity.Change(template, nowUtc);
        return entity;
    }

    /// <summary>Replaces the times; the weekday is part of the identity and cannot change.</summary>
    public void Change(DayTemplate template, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (template.Weekday != Weekday)
        {
            throw new DomainException($"This template is for {Weekday}, not {template.Weekday}.");
        }

        var problems = template.Validate();
        if (problems.Count > 0)
        {
            throw new DomainException(string.Join(" ", problems));
        }

        if (template.Recovery.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            throw new DomainException("Recovery is kept in whole minutes.");
        }

        FirstStart = template.FirstStart;
        TurnoverMinutes = template.TurnoverMinutes;
        RecoveryMinutes = (int)template.Recovery.TotalMinutes;
        UnitCloses = template.UnitCloses;
        UpdatedAtUtc = nowUtc;
    }

    public DayTemplate ToDayTemplate() =>
        new(Weekday, FirstStart, TurnoverMinutes, TimeSpan.FromMinutes(RecoveryMinutes), UnitCloses);
}
