using FluentValidation;

using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Slots;

namespace Scheduling.Application.Features.Bookings;

/// <summary>
/// Moves an active booking to another free slot. The old slot is released in the same transaction
/// (the booking row itself moves, so the active-slot index sees the new slot and frees the old one),
/// and saving changes both slots' tokens so a concurrent booking of either one cannot slip through.
/// </summary>
public static class RescheduleBooking
{
    public sealed record Command(Guid BookingId, Guid NewSlotId, string? LeadTimeOverrideReason) : ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.NewSlotId).NotEmpty().WithMessage("Choose the new slot.");
            RuleFor(c => c.LeadTimeOverrideReason)
                .MaximumLength(Booking.ReasonMaxLength)
                .WithMessage($"The reason can be at most {Booking.ReasonMaxLength} characters.");
        }
    }

    public sealed class Handler(
        IApplicationDbContext db,
        IDatabaseErrors databaseErrors,
        IBookingNotifications notifications,
        IAuditLog auditLog,
        ICurrentUser user,
        IUserDirectory directory,
        ClinicTime clinicTime,
        SlotPolicy policy,
        TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var found = await BookingRules.FindActiveBookingAsync(
                db, user, command.BookingId, status => $"This booking is {status} and can no longer be rescheduled.", cancellationToken);
            if (found.Failed(out var error, out var booking))
            {
                return error;
            }

            if (command.NewSlotId == booking.SlotId)
            {
                return Error.Validation(nameof(Command.NewSlotId), "The booking is already in this slot; pick a different one.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var target = await BookingRules.FindBookableSlotAsync(db, command.NewSlotId, now, nameof(Command.NewSlotId), cancellationToken);
            if (target.Failed(out var slotError, out var bookable))
            {
                return slotError;
            }

            var (newSlot, newRoom) = bookable;
            var leadTime = BookingRules.CheckLeadTime(policy, clinicTime, newSlot, now, command.LeadTimeOverrideReason, nameof(Command.LeadTimeOverrideReason));
            if (leadTime.Failed(out var leadTimeError, out var overrideReason))
            {
                return leadTimeError;
            }

            var oldSlot = await db.Slots.SingleAsync(s => s.Id == booking.SlotId, cancellationToken);
            var oldRoom = await db.Rooms.SingleAsync(r => r.Id == oldSlot.RoomId, cancellationToken);
            var referral = await db.Referrals.SingleAsync(r => r.Id == booking.ReferralId, cancellationToken);
            var actor = await directory.ActorAsync(user, cancellationToken);

            booking.MoveTo(newSlot.Id, overrideReason, now);
            referral.Note("Rescheduled",
                $"Rescheduled from {BookingRules.SlotText(clinicTime, oldSlot, oldRoom)} to {BookingRules.SlotText(clinicTime, newSlot, newRoom)}.",
                now, actor);
            notifications.Rescheduled(booking, newSlot);
            if (overrideReason is not null)
            {
                auditLog.Record("LeadTimeOverridden", nameof(Booking), booking.Id, "Rescheduled inside the lead time with the scheduler's reason.");
            }

            if (await BookingRules.SaveOrConflictAsync(db, databaseErrors, cancellationToken) is { } conflict)
            {
                return conflict;
            }

            return Result.Success();
        }
    }
}
