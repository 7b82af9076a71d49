using Scheduling.Domain.Common;

namespace Scheduling.Domain.Bookings;

/// <summary>
/// The procedure of a booking was done: the booking is a session of the patient's treatment course.
/// Raised by <see cref="Booking"/> when its outcome is recorded as completed.
/// </summary>
public sealed record BookingCompleted(Guid BookingId, Guid ReferralId, DateTime SlotStartUtc, DateTime CompletedAtUtc) : IDomainEvent;
