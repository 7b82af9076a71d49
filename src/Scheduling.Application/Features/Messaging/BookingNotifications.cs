using Scheduling.Domain.Bookings;
using Scheduling.Domain.Messaging;
using Scheduling.Domain.Slots;

namespace Scheduling.Application.Features.Messaging;

/// <remarks>
/// With texts set up, each patient email has its text twin, queued with it whoever the patient is:
/// whether a text goes out (consent, a number, no STOP) is decided when it is due, so a patient who
/// agrees to texts later still gets the next one, and one who answers STOP gets none.
/// </remarks>
public sealed class BookingNotifications(IOutbox outbox, AppointmentPolicy appointments, TextingPolicy texting, TimeProvider clock) : IBookingNotifications
{
    public void Booked(Booking booking, Slot slot)
    {
        outbox.Enqueue(MessageKinds.PatientBooked, booking.Id, booking.Sequence);
        Text(MessageKinds.PatientBookedText, booking);
        outbox.Enqueue(MessageKinds.DoctorBooked, booking.Id, booking.Sequence);
        QueueReminders(booking, slot);
    }

    public void Rescheduled(Booking booking, Slot newSlot)
    {
        outbox.Enqueue(MessageKinds.PatientRescheduled, booking.Id, booking.Sequence);
        Text(MessageKinds.PatientRescheduledText, booking);
        outbox.Enqueue(MessageKinds.DoctorRescheduled, booking.Id, booking.Sequence);
        QueueReminders(booking, newSlot);
    }

    public void Cancelled(Booking booking)
    {
        outbox.Enqueue(MessageKinds.PatientCancelled, booking.Id, booking.Sequence);
        Text(MessageKinds.PatientCancelledText, booking);
        outbox.Enqueue(MessageKinds.DoctorCancelled, booking.Id, booking.Sequence);
    }

    public void Confirmed(Booking booking) =>
        outbox.Enqueue(MessageKinds.DoctorConfirmed, booking.Id, booking.Sequence);

    public void Completed(Booking booking) =>
        outbox.Enqueue(MessageKinds.DoctorCompleted, booking.Id, booking.Sequence);

    public void NoShow(Booking booking) =>
        outbox.Enqueue(MessageKinds.DoctorNoShow, booking.Id, booking.Sequence);

    /// <summary>
    /// Reminders (the clinic's offsets, <see cref="PatientReminders"/>) wait in the outbox until due.
    /// The composer skips a reminder whose booking was cancelled or moved by the time it is due.
    /// </summary>
    private void QueueReminders(Booking booking, Slot slot)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (kind, due) in PatientReminders.Upcoming(appointments.Reminders, slot.StartUtc, now))
        {
            outbox.Enqueue(kind, booking.Id, booking.Sequence, due);
        }

        if (texting.Enabled)
        {
            foreach (var (kind, due) in PatientReminders.UpcomingTexts(appointments.Reminders, slot.StartUtc, now))
            {
                outbox.Enqueue(kind, booking.Id, booking.Sequence, due);
            }
        }
    }

    private void Text(string kind, Booking booking)
    {
        if (texting.Enabled)
        {
            outbox.Enqueue(kind, booking.Id, booking.Sequence);
        }
    }
}
