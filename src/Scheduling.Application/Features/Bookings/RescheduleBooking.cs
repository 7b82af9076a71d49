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
/// The case's claims move with it: the old ones go in the same save, the new ones are planned as if
/// they were already gone (the booking keeps its physician when they are free at the new time,
/// unless another is asked for) and written before the transaction commits.
/// </summary>
public static class RescheduleBooking
{
    /// <param name="PhysicianId">The IR physician asked for; null to keep the booking's own if free then, else assign fairly.</param>
    public sealed record Command(Guid BookingId, Guid NewSlotId, string? LeadTimeOverrideReason, Guid? PhysicianId = null) : ICommand<Result>;

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
        CapacityClaims capacity,
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

            var check = await PlanAsync(command, booking, newSlot, newRoom.Name, now, cancellationToken);
            if (check.Plan is not { } plan)
            {
                return await BookingRules.NotBookableAsync(db, newSlot.Id, check.Reason, now, cancellationToken);
            }

            var oldSlot = await db.Slots.SingleAsync(s => s.Id == booking.SlotId, cancellationToken);
            var oldRoom = await db.Rooms.SingleAsync(r => r.Id == oldSlot.RoomId, cancellationToken);
            var referral = await db.Referrals.SingleAsync(r => r.Id == booking.ReferralId, cancellationToken);
            var actor = await directory.ActorAsync(user, cancellationToken);

            // A lost race is planned again with the same rule: the physician asked for, else the one kept, else fairly.
            var physician = command.PhysicianId ?? (plan.PhysicianId is { } kept && kept == booking.PhysicianId ? kept : null);
            booking.MoveTo(newSlot.Id, overrideReason, now);
            booking.AssignCapacity(plan, now);
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

            if (await capacity.ClaimForBookingAsync(booking, newSlot, newRoom.Name, physician, plan, now, cancellationToken) is { } lost)
            {
                return lost;
            }

            return Result.Success();
        }

        /// <summary>The physician asked for; else the booking's own if they are free at the new time; else the fairest free one.</summary>
        private async Task<Domain.Capacity.CapacityCheck> PlanAsync(Command command, Booking booking, Slot slot, string roomName, DateTime now, CancellationToken cancellationToken)
        {
            var keep = command.PhysicianId ?? booking.PhysicianId;
            var check = await capacity.CheckAsync(slot, roomName, keep, booking.Id, now, cancellationToken);
            return check.CanBook || command.PhysicianId is not null || keep is null
                ? check
                : await capacity.CheckAsync(slot, roomName, null, booking.Id, now, cancellationToken);
        }
    }
}
