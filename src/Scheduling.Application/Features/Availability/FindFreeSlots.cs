using FluentValidation;

using Mediator;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Slots;

namespace Scheduling.Application.Features.Availability;

/// <summary>
/// The free slots the booking and reschedule pages offer: the first slots from a clinic-local date
/// whose case can have everything it needs (room, physician, nurse, recovery bay), optionally in one
/// room or with one physician, with a few inside the lead time ahead of them, and the slots passed
/// over with the reason. Free, bookable, the first day, the default count and the maximum are
/// <see cref="SlotAvailability"/>'s.
/// </summary>
public static class FindFreeSlots
{
    public const int DefaultCount = SlotAvailability.DefaultCount;

    /// <param name="PhysicianId">Only slots this physician can take; null for any (assigned fairly).</param>
    /// <param name="MovingBookingId">The booking being rescheduled, whose own places are not in the way.</param>
    public sealed record Query(Guid? RoomId = null, DateOnly? From = null, int Count = DefaultCount, Guid? PhysicianId = null, Guid? MovingBookingId = null)
        : IQuery<Result<View>>;

    /// <param name="InsideLeadTime">Before the earliest bookable day: booking it needs the scheduler's reason.</param>
    /// <param name="PhysicianName">Who would perform it as things stand; null when no physician is needed.</param>
    public sealed record FreeSlot(Guid SlotId, Guid RoomId, string RoomName, DateTime LocalStart, DateTime LocalEnd, bool InsideLeadTime, string? PhysicianName = null);

    /// <summary>A free slot that cannot be booked, and why.</summary>
    public sealed record NotOffered(Guid SlotId, string RoomName, DateTime LocalStart, DateTime LocalEnd, string Reason);

    public sealed record View(IReadOnlyList<FreeSlot> Slots, IReadOnlyList<NotOffered> NotOffered)
    {
        public static View Empty { get; } = new([], []);
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Count).MustBeAFreeSlotCount();
    }

    public sealed class Handler(IApplicationDbContext db, CapacitySnapshots snapshots, ICurrentUser user, ClinicTime clinicTime, SlotPolicy policy, TimeProvider clock)
        : IQueryHandler<Query, Result<View>>
    {
        public async ValueTask<Result<View>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!BookingRules.MayManageBookings(user))
            {
                return Error.NotFound();
            }

            return await ListAsync(db, snapshots, clinicTime, policy, clock.GetUtcNow().UtcDateTime, query, cancellationToken);
        }
    }

    /// <summary>At most this many slots inside the lead time are listed ahead of the bookable ones.</summary>
    public const int MaxNeedingAReason = 8;

    /// <summary>
    /// The first <see cref="Query.Count"/> bookable slots from the earliest bookable day (or the later
    /// <see cref="Query.From"/>), preceded by a few bookable slots inside the lead time (from
    /// <see cref="Query.From"/> when it is earlier), so the bookable ones are never crowded out.
    /// </summary>
    internal static async Task<View> ListAsync(
        IApplicationDbContext db, CapacitySnapshots snapshots, ClinicTime clinicTime, SlotPolicy policy, DateTime nowUtc, Query query, CancellationToken cancellationToken)
    {
        var earliest = SlotAvailability.DefaultFrom(policy, clinicTime, nowUtc);
        var from = query.From;
        var bookable = await db.FirstBookableAsync(
            snapshots, nowUtc, query.RoomId, query.PhysicianId, from is { } f && f > earliest ? f : earliest, before: null, query.Count, query.MovingBookingId, cancellationToken);
        var needingAReason = from is { } g && g >= earliest
            ? new SlotAvailability.Bookable([], [])
            : await db.FirstBookableAsync(snapshots, nowUtc, query.RoomId, query.PhysicianId, from, before: earliest, MaxNeedingAReason, query.MovingBookingId, cancellationToken);

        var slots = needingAReason.Offers.Concat(bookable.Offers)
            .Select(o => new FreeSlot(
                o.Slot.SlotId, o.Slot.RoomId, o.Slot.RoomName, clinicTime.ToLocal(o.Slot.StartUtc), clinicTime.ToLocal(o.Slot.EndUtc),
                !policy.IsBookable(o.Slot.StartUtc, nowUtc, clinicTime), o.PhysicianName))
            .ToList();
        var notOffered = needingAReason.NotOffered.Concat(bookable.NotOffered)
            .Take(SlotAvailability.MaxNotOfferedShown)
            .Select(n => new NotOffered(n.Slot.SlotId, n.Slot.RoomName, clinicTime.ToLocal(n.Slot.StartUtc), clinicTime.ToLocal(n.Slot.EndUtc), n.Reason))
            .ToList();
        return new View(slots, notOffered);
    }
}
