using FluentValidation;

using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Display;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Referrals;
using Scheduling.Domain.Slots;

namespace Scheduling.Application.Features.Bookings;

/// <summary>
/// A scheduler books a slot for a referral that is ready: booking PendingConfirmation, referral
/// Scheduled, the patient's and doctor's messages queued, all in one transaction. Two schedulers
/// racing for one slot both pass the early checks at worst; the database then lets one commit
/// (unique active-booking index, slot concurrency token) and the other gets a conflict result.
/// </summary>
public static class BookSlot
{
    public sealed record Command(Guid ReferralId, Guid SlotId, string? LeadTimeOverrideReason) : ICommand<Result<Guid>>;

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
        ClinicTime clinicTime,
        SlotPolicy policy,
        TimeProvider clock) : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!BookingRules.MayManageBookings(user))
            {
                return Error.NotFound();
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var referral = await db.Referrals.SingleOrDefaultAsync(r => r.Id == command.ReferralId, cancellationToken);
            if (referral is null)
            {
                return Error.NotFound("The referral was not found.");
            }

            if (!referral.CanBeScheduled)
            {
                return Error.Validation(nameof(Command.ReferralId),
                    referral.Status == ReferralStatus.Scheduled
                        ? "This referral already has a booking; reschedule or cancel that booking instead."
                        : $"This referral is not ready to schedule (it is {DisplayNames.InSentence(referral.Status)}).");
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
                return leadTimeError;
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

            if (await BookingRules.SaveOrConflictAsync(db, databaseErrors, cancellationToken) is { } conflict)
            {
                return conflict;
            }

            return booking.Id;
        }
    }
}
