using Scheduling.Application.Common.Abstractions;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Slots;

namespace Scheduling.Application.Features.Availability;

/// <summary>
/// The one "is this slot free now" query, used by booking, rescheduling, the book-from-calendar page,
/// the free-slot lists and "next available": the slot has not started, was not withdrawn, its room
/// is in service and no occupying booking holds it.
/// </summary>
public static class SlotAvailability
{
    public static IQueryable<Slot> FreeSlotsAt(this IApplicationDbContext db, DateTime nowUtc)
    {
        var occupying = db.Bookings.Where(BookingStatuses.IsOccupyingExpr);
        return db.Slots.Where(s => s.StartUtc > nowUtc && !s.IsWithdrawn
            && db.Rooms.Any(r => r.Id == s.RoomId && r.IsActive)
            && !occupying.Any(b => b.SlotId == s.Id));
    }
}
