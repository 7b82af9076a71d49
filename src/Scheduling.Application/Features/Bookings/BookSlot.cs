using FluentValidation;

using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Capacity;
using Scheduling.Domain.Common;
using Scheduling.Domain.Referrals;
using Scheduling.Domain.Slots;

namespace Scheduling.Application.Features.Bookings;

/// <summary>
/// A scheduler (or a hospital system for its doctor's referral, FHIR <c>$book</c>, never inside the
/// lead time) books a slot for a referral that is ready: booking PendingConfirmation, referral
/// Scheduled, the patient's and doctor's messages queued, and the case's claims on its room, IR
/// physician, sedation nurse and recovery bay, all in one transaction. The physician is the one asked
/// for, or assigned fairly among those free. Two schedulers racing for one slot, or for the last bay
/// or one physician from different slots, both pass the early checks at worst; the database then lets
/// one commit (unique active-booking index, slot concurrency token, the claims' key) and the other gets
/// a conflict result with the reason. With <see cref="Command.HoldId"/> a live hold on the slot
/// (FHIR <c>$hold</c>) gives way to the booking: its places are left out of the plan and its claims
/// replaced by the booking's in the same transaction.
/// </summary>
public static class BookSlot
{
    /// <param name="PhysicianId">The IR physician asked for; null to assign fairly.</param>
    /// <param name="HoldId">A hold on this slot placed earlier; its places become the booking's while it lives.</param>
    public sealed record Command(Guid ReferralId, Guid SlotId, string? LeadTimeOverrideReason, Guid? PhysicianId = null, Guid? HoldId = null)
        : ICommand<Result<Guid>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ReferralId).NotEmpty().WithMessage("Choose the referral to book.");
            RuleFor(c => c.SlotId).NotEmpty().WithMessage("Choose a slot.");
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
        TimeProvider clock) : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var referral = await db.Referrals.SingleOrDefaultAsync(r => r.Id == command.ReferralId, cancellationToken);
            if (referral is null || !BookingRules.MayBookFor(user, referral))
            {
                return Error.NotFound("The referral was not found.");
            }

            if (BookingRules.NotReadyMessage(referral) is { } notReady)
            {
                return Error.Validation(nameof(Command.ReferralId), notReady);
            }

            if (command.LeadTimeOverrideReason is not null && !BookingRules.MayManageBookings(user))
            {
                return Error.Validation(nameof(Command.LeadTimeOverrideReason), BookingRules.LeadTimeOverrideRefusedMessage);
            }

            if ((await LiveHoldAsync(command, now, cancellationToken)).Failed(out var holdError, out var hold))
            {
                return holdError;
            }

            var target = await BookingRules.FindBookableSlotAsync(db, command.SlotId, now, nameof(Command.SlotId), cancellationToken);
            if (target.Failed(out var slotError, out var bookable))
            {
                return slotError;
            }

            var (slot, room) = bookable;
            var leadTime = BookingRules.CheckLeadTime(policy, clinicTime, slot, now, command.LeadTimeOverrideReason, nameof(Command.LeadTimeOverrideReason));
            if (leadTime.Failed(out var leadTimeError, out var overrideReason))
            {
                return BookingRules.MayManageBookings(user)
                    ? leadTimeError
                    : Error.Validation(nameof(Command.SlotId), BookingRules.LeadTimeOverrideRefusedMessage);
            }

            var check = hold is { } held
                ? await capacity.CheckAsync(slot, room.Name, command.PhysicianId ?? held.PhysicianId, null, now, cancellationToken, excludeHoldId: held.Id)
                : await capacity.CheckAsync(slot, room.Name, command.PhysicianId, null, now, cancellationToken);
            if (check.Plan is not { } plan)
            {
                return await BookingRules.NotBookableAsync(db, slot.Id, check.Reason, now, cancellationToken);
            }

            var actor = await directory.ActorAsync(user, cancellationToken);
            var booking = Booking.Create(referral.Id, slot.Id, user.UserName ?? actor.Name, overrideReason, now);
            db.Bookings.Add(booking);
            referral.MarkScheduled($"Scheduled for {BookingRules.SlotText(clinicTime, slot, room)}.", now, actor);
            notifications.Booked(booking, slot);
            if (overrideReason is not null)
            {
                // The reason itself is on the booking; the audit line makes the exception findable.
                auditLog.Record("LeadTimeOverridden", nameof(Booking), booking.Id, "Booked inside the lead time with the scheduler's reason.");
            }

            booking.AssignCapacity(plan, now);
            if (await BookingRules.SaveOrConflictAsync(db, databaseErrors, cancellationToken) is { } taken)
            {
                return taken;
            }

            if (hold is { } used)
            {
                // The hold's places were left out of the plan; they give way to the booking's own claims.
                await db.ResourceClaims.Where(c => c.HoldId == used.Id).ExecuteDeleteAsync(cancellationToken);
                used.UseFor(booking.Id, now);
            }

            if (await capacity.ClaimForBookingAsync(booking, slot, room.Name, command.PhysicianId, plan, now, cancellationToken) is { } lost)
            {
                return lost;
            }

            return booking.Id;
        }

        /// <summary>The command's hold when it names one that still holds this slot for this referral; an expired one is ignored.</summary>
        private async Task<Result<CapacityHold?>> LiveHoldAsync(Command command, DateTime now, CancellationToken cancellationToken)
        {
            if (command.HoldId is not { } holdId)
            {
                return Result<CapacityHold?>.Success(null);
            }

            var hold = await db.CapacityHolds.SingleOrDefaultAsync(h => h.Id == holdId, cancellationToken);
            if (hold is null || hold.SlotId != command.SlotId || (hold.ReferralId is { } forReferral && forReferral != command.ReferralId))
            {
                return Error.Validation(nameof(Command.HoldId), "This hold is not for this slot and referral.");
            }

            return Result<CapacityHold?>.Success(hold.IsLive(now) ? hold : null);
        }
    }
}
