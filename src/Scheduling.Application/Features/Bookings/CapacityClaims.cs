using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Availability;
using Scheduling.Domain.Audit;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Capacity;
using Scheduling.Domain.Slots;

namespace Scheduling.Application.Features.Bookings;

/// <summary>
/// Plans a case's places (<see cref="CapacityPlanner"/>) and writes its claims inside the command's
/// transaction. Two cases planned at the same moment may pick the same bay seat or the same
/// physician; the claims' key lets only one commit, and the other is planned again from what is now
/// in the database (another seat, or the next physician in fair order) a few times before it is told
/// the slot can no longer be booked, with the reason. Nothing else the command wrote survives that
/// answer: the transaction behaviour rolls it all back.
/// </summary>
public sealed class CapacityClaims(IApplicationDbContext db, IDatabaseErrors databaseErrors, CapacitySnapshots snapshots)
{
    /// <summary>Tries per case: each lost race means someone else got a place, so a few tries settle it.</summary>
    public const int MaxAttempts = 4;

    /// <summary>What the slot's case would hold now, or why it cannot happen.</summary>
    /// <param name="physicianId">The physician asked for; null to assign fairly.</param>
    /// <param name="excludeBookingId">A booking being moved, whose own claims are about to go.</param>
    /// <param name="excludeHoldId">A hold being booked, whose own claims are the booking's.</param>
    public async Task<CapacityCheck> CheckAsync(
        Slot slot, string roomName, Guid? physicianId, Guid? excludeBookingId, DateTime nowUtc, CancellationToken cancellationToken, Guid? excludeHoldId = null)
    {
        ArgumentNullException.ThrowIfNull(slot);
        var snapshot = await snapshots.LoadAsync(slot.StartUtc, slot.EndUtc, nowUtc, excludeBookingId, withCases: physicianId is null, cancellationToken, excludeHoldId);
        return CapacityPlanner.Check(new CapacityRequest(slot.RoomId, roomName, slot.StartUtc, slot.EndUtc, physicianId), snapshot);
    }

    /// <summary>
    /// Writes <paramref name="plan"/>'s claims for a booking saved earlier in this transaction, planning
    /// again after a lost race. Returns null once they are written, or the conflict to show.
    /// </summary>
    public async Task<Error?> ClaimForBookingAsync(
        Booking booking, Slot slot, string roomName, Guid? physicianId, CapacityPlan plan, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        for (var attempt = 1; ; attempt++)
        {
            var error = await TryWriteAsync(plan, c => ResourceClaim.ForBooking(booking.Id, c), nowUtc, cancellationToken);
            if (!ReferenceEquals(error, LostRace))
            {
                return error;
            }

            if (attempt == MaxAttempts)
            {
                return Error.Conflict(BookingRules.SlotTakenMessage);
            }

            var check = await CheckAsync(slot, roomName, physicianId, booking.Id, nowUtc, cancellationToken);
            if (check.Plan is null)
            {
                return Error.Conflict(BookingRules.TakenMessage(check.Reason));
            }

            plan = check.Plan;
            booking.AssignCapacity(plan, nowUtc);
        }
    }

    /// <summary>As <see cref="ClaimForBookingAsync"/>, for a hold placed earlier in this transaction.</summary>
    public async Task<(Error? Error, CapacityHold Hold)> ClaimForHoldAsync(
        Func<CapacityPlan, CapacityHold> placeHold, Slot slot, string roomName, Guid? physicianId, CapacityPlan plan, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(placeHold);
        for (var attempt = 1; ; attempt++)
        {
            var hold = placeHold(plan);
            db.CapacityHolds.Add(hold);
            var error = await TryWriteAsync(plan, c => ResourceClaim.ForHold(hold, c), nowUtc, cancellationToken);
            if (!ReferenceEquals(error, LostRace))
            {
                return (error, hold);
            }

            db.CapacityHolds.Entry(hold).State = EntityState.Detached;
            if (attempt == MaxAttempts)
            {
                return (Error.Conflict(BookingRules.SlotTakenMessage), hold);
            }

            var check = await CheckAsync(slot, roomName, physicianId, null, nowUtc, cancellationToken);
            if (check.Plan is null)
            {
                return (Error.Conflict(BookingRules.TakenMessage(check.Reason)), hold);
            }

            plan = check.Plan;
        }
    }

    /// <summary>Marker for "someone else took a place first": plan again.</summary>
    private static readonly Error LostRace = Error.Conflict("lost race");

    private async Task<Error?> TryWriteAsync(CapacityPlan plan, Func<PlannedClaim, ResourceClaim> own, DateTime nowUtc, CancellationToken cancellationToken)
    {
        await SweepExpiredHoldsAsync(plan, nowUtc, cancellationToken);
        var claims = plan.Claims.Select(own).ToList();
        db.ResourceClaims.AddRange(claims);
        var linesBefore = db.AuditEntries.Local.ToHashSet();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException && databaseErrors.IsUniqueViolation(ex))
        {
            // The save rolled back to its savepoint; forget what it tried, audit lines included, and plan again.
            foreach (var claim in claims)
            {
                db.ResourceClaims.Entry(claim).State = EntityState.Detached;
            }

            foreach (var line in db.AuditEntries.Local.Where(l => !linesBefore.Contains(l)).ToList())
            {
                db.AuditEntries.Entry(line).State = EntityState.Detached;
            }

            return LostRace;
        }
    }

    /// <summary>An expired hold's claims stay in the table until someone needs their places; this is that someone.</summary>
    private async Task SweepExpiredHoldsAsync(CapacityPlan plan, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (plan.Claims.Count == 0)
        {
            return;
        }

        var resources = plan.Claims.Select(c => c.ResourceId).Distinct().ToList();
        var first = plan.Claims.Min(c => c.Unit);
        var end = plan.Claims.Max(c => c.Unit) + 1;
        await db.ResourceClaims
            .Where(c => c.HoldId != null && c.ExpiresAtUtc <= nowUtc && resources.Contains(c.ResourceId) && c.Unit >= first && c.Unit < end)
            .ExecuteDeleteAsync(cancellationToken);
    }
}
