using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Slots;

namespace Scheduling.Application.Features.Rooms;

/// <summary>
/// A room's week as the template form shows it: every weekday Monday to Sunday, saved or not (an
/// unsaved day is pre-filled with the clinic's default turnover and recovery), with the slot start
/// times each saved day produces. With no room given, the first room in service is shown.
/// </summary>
public static class GetRoomWeekTemplate
{
    public static readonly IReadOnlyList<DayOfWeek> WeekOrder =
    [
        DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday,
        DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday,
    ];

    public static readonly TimeOnly SuggestedFirstStart = new(7, 30);
    public static readonly TimeOnly SuggestedUnitCloses = new(19, 0);

    public sealed record Query(Guid? RoomId) : IQuery<Result<View>>;

    public sealed record RoomOption(Guid Id, string Name, bool IsActive);

    public sealed record DayRow(
        DayOfWeek Weekday,
        bool Open,
        TimeOnly FirstStart,
        int TurnoverMinutes,
        decimal RecoveryHours,
        TimeOnly UnitCloses,
        IReadOnlyList<TimeOnly> SlotStarts);

    public sealed record View(IReadOnlyList<RoomOption> Rooms, RoomOption? Room, IReadOnlyList<DayRow> Days);

    public sealed class Handler(IApplicationDbContext db, SlotPolicy policy) : IQueryHandler<Query, Result<View>>
    {
        public async ValueTask<Result<View>> Handle(Query query, CancellationToken cancellationToken)
        {
            var rooms = await db.Rooms.AsNoTracking()
                .OrderByDescending(r => r.IsActive).ThenBy(r => r.Name)
                .Select(r => new RoomOption(r.Id, r.Name, r.IsActive))
                .ToListAsync(cancellationToken);

            RoomOption? room;
            if (query.RoomId is { } id)
            {
                room = rooms.SingleOrDefault(r => r.Id == id);
                if (room is null)
                {
                    return Error.NotFound("That room does not exist.");
                }
            }
            else
            {
                room = rooms.FirstOrDefault();
            }

            if (room is null)
            {
                return new View(rooms, null, []);
            }

            var saved = await db.RoomDayTemplates.AsNoTracking().Where(t => t.RoomId == room.Id).ToListAsync(cancellationToken);
            var days = WeekOrder.Select(weekday =>
            {
                var template = saved.SingleOrDefault(t => t.Weekday == weekday)?.ToDayTemplate();
                return template is null
                    ? Row(policy.NewTemplate(weekday, SuggestedFirstStart, SuggestedUnitCloses), open: false)
                    : Row(template, open: true);
            }).ToList();
            return new View(rooms, room, days);
        }

        private static DayRow Row(DayTemplate template, bool open) => new(
            template.Weekday,
            open,
            template.FirstStart,
            template.TurnoverMinutes,
            (decimal)template.Recovery.TotalMinutes / 60m,
            template.UnitCloses,
            open ? template.LocalStarts().ToList() : []);
    }
}
