using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;

namespace Scheduling.Application.Features.Bookings;

public enum ProcedureOutcome
{
    Completed,
    NoShow,
}

/// <summary>
/// Once the appointment's start time has passed the scheduler records what happened: completed
/// closes the referral; a no-show sends it back to the queue to be booked again. Either way the
/// booking keeps its slot, so the day's record of who was in which room stays.
/// </summary>
public static class RecordOutcome
{
    public sealed record Command(Guid BookingId, ProcedureOutcome Outcome) : ICommand<Result>;

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
            if (!Enum.IsDefined(command.Outcome))
            {
                return Error.NotFound();
            }

            var found = await BookingRules.FindActiveBookingAsync(
                db, user, command.BookingId, status => $"This booking is already {status}.", cancellationToken);
            if (found.Failed(out var error, out var booking))
            {
                return error;
            }

            var slot = await db.Slots.SingleAsync(s => s.Id == booking.SlotId, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            if (!Booking.OutcomeMayBeRecorded(slot.StartUtc, now))
            {
                return Error.Validation(string.Empty,
                    $"The outcome can be recorded once the appointment has started ({BookingRules.LocalText(clinicTime, slot.StartUtc)}).");
            }

            var room = await db.Rooms.SingleAsync(r => r.Id == slot.RoomId, cancellationToken);
            var referral = await db.Referrals.SingleAsync(r => r.Id == booking.ReferralId, cancellationToken);
            var actor = await directory.ActorAsync(user, cancellationToken);
            var when = BookingRules.SlotText(clinicTime, slot, room);

            if (command.Outcome == ProcedureOutcome.Completed)
            {
                booking.MarkCompleted(referral, slot.StartUtc, $"Procedure completed ({when}).", actor, now);
                notifications.Completed(booking);
            }
            else
            {
                booking.MarkNoShow(referral, slot.StartUtc, $"The patient did not come on {when}; back in the scheduling queue.", actor, now);
                notifications.NoShow(booking);
            }

            if (await BookingRules.SaveOrConflictAsync(db, databaseErrors, cancellationToken) is { } conflict)
            {
                return conflict;
            }

            return Result.Success();
        }
    }
}
