using Scheduling.Domain.Bookings;
using Scheduling.Domain.Slots;

namespace Scheduling.Application.Features.Messaging;

/// <summary>
/// The emails a booking change causes, queued in the same unit of work as the change (outbox rows,
/// keyed by booking id, kind and booking sequence). Booking handlers call exactly one method per
/// change; which messages that means (patient, doctor, reminders) is decided here in one place.
/// </summary>
public interface IBookingNotifications
{
    void Booked(Booking booking, Slot slot);

    void Rescheduled(Booking booking, Slot newSlot);

    void Cancelled(Booking booking);

    void Confirmed(Booking booking);

    void Completed(Booking booking);

    void NoShow(Booking booking);
}
