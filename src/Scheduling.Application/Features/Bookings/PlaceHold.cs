using FluentValidation;

using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Capacity;
using Scheduling.Domain.Common;
using Scheduling.Domain.Slots;

namespace Scheduling.Application.Features.Bookings;

/// <summary>
/// Holds one slot's case for a while (FHIR <c>$hold</c>): the room, the physician (asked for, or the
/// fairest free one), the sedation nurse and a recovery bay are claimed exactly as a booking would
/// claim them, but with the hold's expiry on every claim. Until then nobody else is offered or can
/// book those places (the claims' key refuses them); afterwards they are free again. Book it with
/// <see cref="BookSlot.Command.HoldId"/>; let it go with <see cref="ReleaseHold"/>.
/// </summary>
public static class PlaceHold
{
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(1);

    /// <param name="HeldBy">Who holds it, for the audit trail and the calendar (a FHIR client's name, a user).</param>
    public sealed record Command(Guid SlotId, Guid? ReferralId, Guid? PhysicianId, TimeSpan? Duration, string HeldBy)
        : ICommand<Result<Held>>;

    public sealed record Held(Guid HoldId, DateTime ExpiresAtUtc, Guid? PhysicianId, Guid? RecoveryUnitId);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.SlotId).NotEmpty().WithMessage("Choose a slot.");
            RuleFor(c => c.HeldBy).NotEmpty().MaximumLength(CapacityHold.HeldByMaxLength);
            RuleFor(c => c.Duration)
                .Must(d => d is null || (d > TimeSpan.Zero && d <= MaxDuration))
                .WithMessage($"A hold lasts between a minute and {MaxDuration.TotalMinutes:0} minutes.");
        }
    }

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, CapacityClaims capacity, ClinicTime clinicTime, SlotPolicy policy, TimeProvider clock) : ICommandHandler<Command, Result<Held>>
    {
        public async ValueTask<Result<Held>> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (command.ReferralId is { } referralId)
            {
                var referral = await db.Referrals.AsNoTracking().SingleOrDefaultAsync(r => r.Id == referralId, cancellationToken);
                if (referral is null || !BookingRules.MayBookFor(user, referral))
                {
                    return Error.NotFound("The referral was not found.");
                }

                if (BookingRules.NotReadyMessage(referral) is { } notReady)
                {
                    return Error.Validation(nameof(Command.ReferralId), notReady);
                }
            }
            else if (!BookingRules.MayManageBookings(user))
            {
                return Error.NotFound();
            }

            var target = await BookingRules.FindBookableSlotAsync(db, command.SlotId, now, nameof(Command.SlotId), cancellationToken);
            if (target.Failed(out var slotError, out var bookable))
            {
                return slotError;
            }

            var (slot, room) = bookable;
            if (!BookingRules.MayManageBookings(user) && !policy.IsBookable(slot.StartUtc, now, clinicTime))
            {
                return Error.Validation(nameof(Command.SlotId), BookingRules.LeadTimeOverrideRefusedMessage);
            }

            var check = await capacity.CheckAsync(slot, room.Name, command.PhysicianId, null, now, cancellationToken);
            if (check.Plan is not { } plan)
            {
                return await BookingRules.NotBookableAsync(db, slot.Id, check.Reason, now, cancellationToken);
            }

            var duration = command.Duration ?? DefaultDuration;
            var (error, hold) = await capacity.ClaimForHoldAsync(
                p => CapacityHold.Create(slot.Id, command.ReferralId, p, command.HeldBy, now, duration),
                slot, room.Name, command.PhysicianId, plan, now, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            return new Held(hold.Id, hold.ExpiresAtUtc, hold.PhysicianId, hold.RecoveryUnitId);
        }
    }
}
