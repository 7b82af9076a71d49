using Scheduling.Domain.Bookings;
using Scheduling.Domain.Messaging;
using Scheduling.Domain.Slots;

namespace Scheduling.Application.Features.Messaging;

public sealed class BookingNotifications(IOutbox outbox, TimeProvider clock) : IBookingNotifications
{
    public static readonly TimeSpan FirstReminderBefore = TimeSpan.FromHours(72);
    public static readonly TimeSpan SecondReminderBefore = TimeSpan.FromHours(24);

    public void Booked(Booking booking, Slot slot)
    {
        outbox.Enqueue(MessageKinds.PatientBooked, booking.Id, booking.Sequence);
        outbox.Enqueue(MessageKinds.DoctorBooked, booking.Id, booking.Sequence);
        QueueReminders(booking, slot);
    }

    public void Rescheduled(Booking booking, Slot newSlot)
    {
        outbox.Enqueue(MessageKinds.PatientRescheduled, booking.Id, booking.Sequence);
        outbox.Enqueue(MessageKinds.DoctorRescheduled, booking.Id, booking.Sequence);
        QueueReminders(booking, newSlot);
    }

    public void Cancelled(Booking booking)
    {
        outbox.Enqueue(MessageKinds.PatientCancelled, booking.Id, booking.Sequence);
        outbox.Enqueue(MessageKinds.DoctorCancelled, booking.Id, booking.Sequence);
    }

    public void Confirmed(Booking booking) =>
        outbox.Enqueue(MessageKinds.DoctorConfirmed, booking.Id, booking.Sequence);

    public void Completed(Booking booking) =>
        outbox.Enqueue(MessageKinds.DoctorCompleted, booking.Id, booking.Sequence);

    public void NoShow(Booking booking) =>
        outbox.Enqueue(MessageKinds.DoctorNoShow, booking.Id, booking.Sequence);

    /// <summary>
    /// Reminders wait in the outbox until due. One already due when booked (a short-notice booking)
    /// is not queued: the booking email itself arrives at the same moment. The composer skips a
    /// reminder whose booking was cancelled or moved by the time it is due.
    /// </summary>
    private void QueueReminders(Booking booking, Slot slot)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (kind, before) in new[] { (MessageKinds.PatientReminder72h, FirstReminderBefore), (MessageKinds.PatientReminder24h, SecondReminderBefore) })
        {
            var due = slot.StartUtc - before;
            if (due > now)
            {
                outbox.Enqueue(kind, booking.Id, booking.Sequence, due);
            }
        }
    }
}
