using Scheduling.Domain.Common;

namespace Scheduling.Domain.Bookings;

/// <summary>
/// The procedure of a booking was done: the booking is a session of the patient's treatment course.
/// Raised by <see cref="Booking"/> when its outcome is recorded as completed.
/// </summary>
/// <param name="Actor">Who recorded the outcome, for the course's history.</param>
public sealed record BookingCompleted(Guid BookingId, Guid ReferralId, DateTime SlotStartUtc, DateTime CompletedAtUtc, Actor? Actor) : IDomainEvent;
