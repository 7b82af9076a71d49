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
/// "Next available": the first slots from a clinic-local date whose case can have everything it
/// needs, across all rooms in service or in one room, optionally with one physician, and the free
/// slots passed over with the reason ("no recovery bay 11:00–15:00", "Dr Lee on leave"). Free,
/// bookable, the first day (the earliest the lead-time rule allows), the default count and the
/// maximum are <see cref="SlotAvailability"/>'s, shared with the booking page's list.
/// </summary>
public static class FindNextAvailable
{
    public const int DefaultCount = SlotAvailability.DefaultCount;
    public const int MaxCount = SlotAvailability.MaxCount;

    public sealed record Query(DateOnly? From, Guid? RoomId, int Count = DefaultCount, Guid? PhysicianId = null) : IQuery<Result<View>>;

    /// <param name="PhysicianName">Who would perform it as things stand; null when no physician is needed.</param>
    public sealed record Row(Guid SlotId, Guid RoomId, string RoomName, DateOnly LocalDate, string LocalTime, string? PhysicianName = null);

    public sealed record NotOfferedRow(Guid SlotId, string RoomName, DateOnly LocalDate, string LocalTime, string Reason);

    public sealed record View(DateOnly From, IReadOnlyList<Row> Slots, bool AnyTemplates)
    {
        public IReadOnlyList<NotOfferedRow> NotOffered { get; init; } = [];

        /// <summary>The IR physicians the search can be narrowed to.</summary>
        public IReadOnlyList<Bookings.PhysicianChoice> Physicians { get; init; } = [];
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Count).MustBeAFreeSlotCount();
    }

    public sealed class Handler(IApplicationDbContext db, CapacitySnapshots snapshots, ClinicTime clinicTime, SlotPolicy policy, TimeProvider clock)
        : IQueryHandler<Query, Result<View>>
    {
        public async ValueTask<Result<View>> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var from = query.From ?? SlotAvailability.DefaultFrom(policy, clinicTime, now);

            var found = await db.FirstBookableAsync(snapshots, now, query.RoomId, query.PhysicianId, from, before: null, query.Count, null, cancellationToken);
            var anyTemplates = found.Offers.Count > 0 || found.NotOffered.Count > 0 || await db.RoomDayTemplates.AnyAsync(cancellationToken);

            var rows = found.Offers
                .Select(o => new Row(o.Slot.SlotId, o.Slot.RoomId, o.Slot.RoomName, o.Slot.LocalDate, ClinicTimeLabel.Time(clinicTime, o.Slot.StartUtc), o.PhysicianName))
                .ToList();
            var notOffered = found.NotOffered
                .Select(n => new NotOfferedRow(n.Slot.SlotId, n.Slot.RoomName, n.Slot.LocalDate, ClinicTimeLabel.Time(clinicTime, n.Slot.StartUtc), n.Reason))
                .ToList();
            return new View(from, rows, anyTemplates) { NotOffered = notOffered, Physicians = await Bookings.PhysicianChoice.ListAsync(db, cancellationToken) };
        }
    }
}
