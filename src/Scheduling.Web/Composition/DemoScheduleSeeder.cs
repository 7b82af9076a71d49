using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Rooms;

namespace Scheduling.Web.Composition;

/// <summary>
/// Development only, when Demo:SeedSchedule is true and there are no rooms yet: two IR suites with the
/// design's Monday to Friday template (07:30, 30 min turnover, 4 h recovery, unit closes 19:00), so
/// the calendar has slots on a fresh machine. Goes through the same use cases an admin would, which
/// also materializes the slots. Never runs in Production, whatever the setting says.
/// </summary>
public sealed partial class DemoScheduleSeeder(
    IMediator mediator,
    IApplicationDbContext db,
    DemoOptions demo,
    IHostEnvironment environment,
    ILogger<DemoScheduleSeeder> logger)
{
    public static readonly IReadOnlyList<string> DemoRooms = ["IR Suite 1", "IR Suite 2"];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (environment.IsProduction() || !demo.SeedSchedule)
        {
            return;
        }

        if (await db.Rooms.AnyAsync(cancellationToken))
        {
            return;
        }

        var week = GetRoomWeekTemplate.WeekOrder.Select(weekday => new SaveRoomWeekTemplate.Day(
            weekday,
            Open: weekday is not (DayOfWeek.Saturday or DayOfWeek.Sunday),
            FirstStart: new TimeOnly(7, 30),
            TurnoverMinutes: 30,
            RecoveryHours: 4,
            UnitCloses: new TimeOnly(19, 0))).ToList();
        foreach (var name in DemoRooms)
        {
            var room = await mediator.Send(new AddRoom.Command(name, "Interventional Radiology, floor 2"), cancellationToken);
            if (room.Error is { Kind: ErrorKind.Conflict })
            {
                // Another instance starting at the same moment is seeding the same rooms.
                throw new ConcurrentSeedingException(name);
            }

            if (room.Failed(out var roomError, out var roomId))
            {
                throw new InvalidOperationException($"Seeding room '{name}' failed: {roomError.Message}");
            }

            var saved = await mediator.Send(new SaveRoomWeekTemplate.Command(roomId, week), cancellationToken);
            if (saved.Error is { } error)
            {
                throw new InvalidOperationException($"Seeding the template of '{name}' failed: {error.Message}");
            }
        }

        LogSeeded(logger, DemoRooms.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} demo rooms with weekday templates and materialized their slots.")]
    private static partial void LogSeeded(ILogger logger, int count);
}
