using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Slots;

namespace Scheduling.TestSupport.Builders;

/// <summary>
/// Plays the other writer of a race at the worst moment: after the booking handler's checks passed
/// and before it saves, it changes the database inside the handler's own transaction, as a
/// concurrent request committing in between would. The handler must then turn the database's
/// refusal into a conflict result, and the rollback must take this change away too.
/// </summary>
public sealed class InterferingBookingNotifications(IBookingNotifications inner, IApplicationDbContext db, Interference interference)
    : IBookingNotifications
{
    public void Booked(Booking booking, Slot slot)
    {
        Interfere(slot);
        inner.Booked(booking, slot);
    }

    public void Rescheduled(Booking booking, Slot newSlot)
    {
        Interfere(newSlot);
        inner.Rescheduled(booking, newSlot);
    }

    public void Cancelled(Booking booking) => inner.Cancelled(booking);

    public void Confirmed(Booking booking) => inner.Confirmed(booking);

    public void Completed(Booking booking) => inner.Completed(booking);

    public void NoShow(Booking booking) => inner.NoShow(booking);

    private void Interfere(Slot slot)
    {
        if (interference.TouchSlot)
        {
            // Another writer took or released the slot: its token is no longer the one we read.
            db.Database.ExecuteSqlRaw("UPDATE \"Slots\" SET \"Version\" = {0} WHERE \"Id\" = {1}", Guid.NewGuid(), slot.Id);
        }

        if (interference.MoveBookingIntoSlot is { } bookingId)
        {
            // Another active booking now holds the slot, without touching the slot row: only the unique index can stop us.
            db.Database.ExecuteSqlRaw("UPDATE \"Bookings\" SET \"SlotId\" = {0} WHERE \"Id\" = {1}", slot.Id, bookingId);
        }
    }
}

/// <summary>What <see cref="InterferingBookingNotifications"/> does; set by the test before sending the command.</summary>
public sealed class Interference
{
    public bool TouchSlot { get; set; }

    public Guid? MoveBookingIntoSlot { get; set; }
}
