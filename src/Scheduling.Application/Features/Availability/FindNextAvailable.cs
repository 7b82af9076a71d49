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
/// "Next available": the first free slots from a clinic-local date, across all rooms in service or
/// in one room. Free, the first day (the earliest the lead-time rule allows), the default count and
/// the maximum are <see cref="SlotAvailability"/>'s, shared with the booking page's list.
/// </summary>
public static class FindNextAvailable
{
    public const int DefaultCount = SlotAvailability.DefaultCount;
    public const int MaxCount = SlotAvailability.MaxCount;

    public sealed record Query(DateOnly? From, Guid? RoomId, int Count = DefaultCount) : IQuery<Result<View>>;

    public sealed record Row(Guid SlotId, Guid RoomId, string RoomName, DateOnly LocalDate, string LocalTime);

    public sealed record View(DateOnly From, IReadOnlyList<Row> Slots, bool AnyTemplates);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Count).MustBeAFreeSlotCount();
    }

    public sealed class Handler(IApplicationDbContext db, ClinicTime clinicTime, SlotPolicy policy, TimeProvider clock)
        : IQueryHandler<Query, Result<View>>
    {
        public async ValueTask<Result<View>> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var from = query.From ?? SlotAvailability.DefaultFrom(policy, clinicTime, now);

            var found = await db.FirstFreeAsync(now, query.RoomId, from, before: null, query.Count, cancellationToken);
            var anyTemplates = found.Count > 0 || await db.RoomDayTemplates.AnyAsync(cancellationToken);

            var rows = found
                .Select(s => new Row(s.SlotId, s.RoomId, s.RoomName, s.LocalDate, ClinicTimeLabel.Time(clinicTime, s.StartUtc)))
                .ToList();
            return new View(from, rows, anyTemplates);
        }
    }
}
