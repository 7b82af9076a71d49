using FluentValidation;

using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Common;
using Scheduling.Domain.Slots;

namespace Scheduling.Application.Features.Availability;

/// <summary>
/// The first free slots from a clinic-local date, across all rooms in service or in one room: not
/// withdrawn, not started, held by no occupying booking (<see cref="SlotAvailability"/>). Without a date it starts at the earliest day the
/// lead-time rule allows. One query, ordered on the StartUtc index.
/// </summary>
public static class FindNextAvailable
{
    public const int DefaultCount = 10;
    public const int MaxCount = 50;

    public sealed record Query(DateOnly? From, Guid? RoomId, int Count = DefaultCount) : IQuery<Result<View>>;

    public sealed record Row(Guid SlotId, Guid RoomId, string RoomName, DateOnly LocalDate, string LocalTime);

    public sealed record View(DateOnly From, IReadOnlyList<Row> Slots, bool AnyTemplates);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Count).InclusiveBetween(1, MaxCount).WithMessage($"Show between 1 and {MaxCount} slots.");
        }
    }

    public sealed class Handler(IApplicationDbContext db, ClinicTime clinicTime, SlotPolicy policy, TimeProvider clock)
        : IQueryHandler<Query, Result<View>>
    {
        public async ValueTask<Result<View>> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var from = query.From ?? policy.EarliestBookableLocalDate(clinicTime.LocalDate(now));

            var slots = db.FreeSlotsAt(now).AsNoTracking().Where(s => s.LocalDate >= from);
            if (query.RoomId is { } roomId)
            {
                slots = slots.Where(s => s.RoomId == roomId);
            }

            var found = await (
                    from s in slots
                    join r in db.Rooms on s.RoomId equals r.Id
                    orderby s.StartUtc, r.Name
                    select new { s.Id, s.RoomId, r.Name, s.LocalDate, s.StartUtc })
                .Take(query.Count)
                .ToListAsync(cancellationToken);
            var anyTemplates = found.Count > 0 || await db.RoomDayTemplates.AnyAsync(cancellationToken);

            var rows = found
                .Select(s => new Row(s.Id, s.RoomId, s.Name, s.LocalDate, ClinicTimeLabel.Time(clinicTime, s.StartUtc)))
                .ToList();
            return new View(from, rows, anyTemplates);
        }
    }
}
