using FluentValidation;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Slots;

namespace Scheduling.Application.Features.Availability;

/// <summary>
/// The one home of "is this slot free now" and "the first free slots": the slot has not started,
/// was not withdrawn, its room is in service and no occupying booking holds it. Booking,
/// rescheduling, the book-from-calendar page, the booking page's slot list and "next available"
/// all ask here, with one default count, one maximum and one first day.
/// </summary>
public static class SlotAvailability
{
    /// <summary>How many free slots a list shows when the scheduler does not say.</summary>
    public const int DefaultCount = 20;

    /// <summary>The most free slots one list returns.</summary>
    public const int MaxCount = 50;

    public static IQueryable<Slot> FreeSlotsAt(this IApplicationDbContext db, DateTime nowUtc)
    {
        var occupying = db.Bookings.Where(BookingStatuses.IsOccupyingExpr);
        return db.Slots.Where(s => s.StartUtc > nowUtc && !s.IsWithdrawn
            && db.Rooms.Any(r => r.Id == s.RoomId && r.IsActive)
            && !occupying.Any(b => b.SlotId == s.Id));
    }

    public static Task<bool> IsFreeAsync(this IApplicationDbContext db, Guid slotId, DateTime nowUtc, CancellationToken cancellationToken) =>
        db.FreeSlotsAt(nowUtc).AnyAsync(s => s.Id == slotId, cancellationToken);

    /// <summary>Where a free-slot list starts when no day is given: the earliest day the lead-time rule allows.</summary>
    public static DateOnly DefaultFrom(SlotPolicy policy, ClinicTime clinicTime, DateTime nowUtc) =>
        policy.EarliestBookableLocalDate(clinicTime.LocalDate(nowUtc));

    /// <summary>The count a scheduler may ask for, with the message next to the field otherwise.</summary>
    public static IRuleBuilderOptions<T, int> MustBeAFreeSlotCount<T>(this IRuleBuilder<T, int> rule) =>
        rule.InclusiveBetween(1, MaxCount).WithMessage($"Show between 1 and {MaxCount} slots.");

    public sealed record FreeSlot(Guid SlotId, Guid RoomId, string RoomName, DateTime StartUtc, DateTime EndUtc, DateOnly LocalDate);

    /// <summary>
    /// The first free slots from the clinic-local day <paramref name="from"/> (any day when null; and before
    /// <paramref name="before"/> when given), in all rooms or one, in start order (then room name),
    /// at most <paramref name="count"/> kept between 1 and <see cref="MaxCount"/>. One query, ordered on
    /// the StartUtc index.
    /// </summary>
    public static async Task<IReadOnlyList<FreeSlot>> FirstFreeAsync(
        this IApplicationDbContext db, DateTime nowUtc, Guid? roomId, DateOnly? from, DateOnly? before, int count, CancellationToken cancellationToken)
    {
        var slots = db.FreeSlotsAt(nowUtc).AsNoTracking();
        if (from is { } start)
        {
            slots = slots.Where(s => s.LocalDate >= start);
        }

        if (before is { } end)
        {
            slots = slots.Where(s => s.LocalDate < end);
        }

        if (roomId is { } room)
        {
            slots = slots.Where(s => s.RoomId == room);
        }

        return await (
                from s in slots
                join r in db.Rooms on s.RoomId equals r.Id
                orderby s.StartUtc, r.Name
                select new FreeSlot(s.Id, s.RoomId, r.Name, s.StartUtc, s.EndUtc, s.LocalDate))
            .Take(Math.Clamp(count, 1, MaxCount))
            .ToListAsync(cancellationToken);
    }
}
