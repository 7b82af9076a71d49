using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Availability;
using Scheduling.Domain.Capacity;
using Scheduling.Domain.Common;

namespace Scheduling.Application.Features.Resources;

/// <summary>
/// Sets when a recovery unit, physician or nurse is available on each weekday (clinic time); a day
/// not ticked means not available that day. Bookings already made are not moved: those the new hours
/// leave out are returned for the admin to see, and are on the schedulers' Needs attention list to move.
/// </summary>
public static class SaveWeeklyHours
{
    public sealed record Day(DayOfWeek Weekday, bool Works, TimeOnly? From, TimeOnly? To);

    public sealed record Command(Guid ResourceId, IReadOnlyList<Day> Days) : ICommand<Result<IReadOnlyList<BookingHit>>>;

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, ClinicTime clinicTime, CapacitySnapshots snapshots, TimeProvider clock)
        : ICommandHandler<Command, Result<IReadOnlyList<BookingHit>>>
    {
        public async ValueTask<Result<IReadOnlyList<BookingHit>>> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!ResourceAccess.IsAdmin(user))
            {
                return Error.NotFound();
            }

            var resource = await db.Resources.SingleOrDefaultAsync(r => r.Id == command.ResourceId && r.Kind != ResourceKind.Room, cancellationToken);
            if (resource is null)
            {
                return Error.NotFound("This resource was not found.");
            }

            var problems = new Dictionary<string, string[]>();
            for (var i = 0; i < command.Days.Count; i++)
            {
                var day = command.Days[i];
                if (!day.Works)
                {
                    continue;
                }

                var problem = day.From is null || day.To is null
                    ? "Enter the start and the end, or untick the day."
                    : new WeeklyWindow(day.Weekday, day.From.Value, day.To.Value).Problem(clinicTime.Clock);
                if (problem is not null)
                {
                    problems[$"Days[{i}].To"] = [problem];
                }
            }

            for (var i = 0; i < command.Days.Count; i++)
            {
                if (!Enum.IsDefined(command.Days[i].Weekday) || command.Days.Take(i).Any(d => d.Weekday == command.Days[i].Weekday))
                {
                    problems[$"Days[{i}].To"] = ["Each weekday can be given once."];
                }
            }

            if (problems.Count > 0)
            {
                return Error.Validation(problems);
            }

            var existing = await db.WeeklyHours.Where(h => h.ResourceId == resource.Id).ToListAsync(cancellationToken);
            foreach (var day in command.Days)
            {
                var row = existing.SingleOrDefault(h => h.Weekday == day.Weekday);
                if (!day.Works)
                {
                    if (row is not null)
                    {
                        db.WeeklyHours.Remove(row);
                    }

                    continue;
                }

                var window = new WeeklyWindow(day.Weekday, day.From!.Value, day.To!.Value);
                if (row is null)
                {
                    db.WeeklyHours.Add(WeeklyHours.Create(resource.Id, window));
                }
                else
                {
                    row.Change(window);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            var hits = await ResourceConflicts.OutsideWeeklyHoursAsync(db, snapshots, clinicTime, resource.Id, clock.GetUtcNow().UtcDateTime, cancellationToken);
            return Result<IReadOnlyList<BookingHit>>.Success(hits.Select(h => h.Hit).DistinctBy(h => h.BookingId).ToList());
        }
    }
}
