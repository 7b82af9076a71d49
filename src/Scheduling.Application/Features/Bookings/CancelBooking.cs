using FluentValidation;

using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;

namespace Scheduling.Application.Features.Bookings;

/// <summary>
/// Staff (or the hospital system that booked for the referral's doctor, FHIR <c>$book</c> with status
/// cancelled) cancel a booking with a reason: the slot is free again and the referral goes back to the queue.
/// </summary>
public static class CancelBooking
{
    public sealed record Command(Guid BookingId, string? Reason) : ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reason)
                .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Give the reason for cancelling.")
                .MaximumLength(Booking.ReasonMaxLength).WithMessage($"The reason can be at most {Booking.ReasonMaxLength} characters.");
        }
    }

    public sealed class Handler(
        IApplicationDbContext db,
        IDatabaseErrors databaseErrors,
        IBookingNotifications notifications,
        ICurrentUser user,
        IUserDirectory directory,
        ClinicTime clinicTime,
        TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var found = await BookingRules.FindActiveBookingAsync(
                db, user, command.BookingId, status => $"This booking is already {status}.", cancellationToken, orTheReferralsSystem: true);
            if (found.Failed(out var error, out var booking))
            {
                return error;
            }

            var slot = await db.Slots.SingleAsync(s => s.Id == booking.SlotId, cancellationToken);
            var room = await db.Rooms.SingleAsync(r => r.Id == slot.RoomId, cancellationToken);
            var referral = await db.Referrals.SingleAsync(r => r.Id == booking.ReferralId, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var actor = await directory.ActorAsync(user, cancellationToken);
            var reason = command.Reason!.Trim();

            booking.Cancel(referral, reason, byPatient: false, $"Booking for {BookingRules.SlotText(clinicTime, slot, room)} cancelled: {reason}", actor, now);
            notifications.Cancelled(booking);

            if (await BookingRules.SaveOrConflictAsync(db, databaseErrors, cancellationToken) is { } conflict)
            {
                return conflict;
            }

            return Result.Success();
        }
    }
}
