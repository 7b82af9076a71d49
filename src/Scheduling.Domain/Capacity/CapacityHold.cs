using Scheduling.Domain.Common;

namespace Scheduling.Domain.Capacity;

/// <summary>
/// A temporary hold on everything one slot's TACE needs (room, physician, nurse, bay), for a caller
/// who proposes a time before booking it (FHIR <c>$hold</c>). Its claims carry its expiry: until then
/// the same unique key that stops double bookings stops anyone else from taking those places; after it,
/// the places are free again and the next claimant sweeps the stale rows. Booking with the hold moves
/// its claims to the booking in the same transaction.
/// </summary>
public sealed class CapacityHold : Entity
{
    public const int HeldByMaxLength = 256;

    private CapacityHold()
    {
        HeldBy = string.Empty;
    }

    public Guid SlotId { get; private set; }

    /// <summary>The referral it is for, when the caller named one; a booking with the hold must be for it.</summary>
    public Guid? ReferralId { get; private set; }

    public Guid? PhysicianId { get; private set; }

    public Guid? SedationNurseId { get; private set; }

    public Guid? RecoveryUnitId { get; private set; }

    public DateTime ExpiresAtUtc { get; private set; }

    public string HeldBy { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>Set when it was released or used for a booking.</summary>
    public DateTime? EndedAtUtc { get; private set; }

    public Guid? BookingId { get; private set; }

    public static CapacityHold Create(Guid slotId, Guid? referralId, CapacityPlan plan, string heldBy, DateTime nowUtc, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (duration <= TimeSpan.Zero)
        {
            throw new DomainException("A hold must last some time.");
        }

        if (string.IsNullOrWhiteSpace(heldBy))
        {
            throw new DomainException("A hold records who placed it.");
        }

        return new CapacityHold
        {
            SlotId = slotId,
            ReferralId = referralId,
            PhysicianId = plan.PhysicianId,
            SedationNurseId = plan.SedationNurseId,
            RecoveryUnitId = plan.RecoveryUnitId,
            ExpiresAtUtc = nowUtc + duration,
            HeldBy = heldBy.Trim(),
            CreatedAtUtc = nowUtc,
        };
    }

    public bool IsLive(DateTime nowUtc) => EndedAtUtc is null && ExpiresAtUtc > nowUtc;

    public void Release(DateTime nowUtc)
    {
        if (EndedAtUtc is null)
        {
            EndedAtUtc = nowUtc;
        }
    }

    public void UseFor(Guid bookingId, DateTime nowUtc)
    {
        if (!IsLive(nowUtc))
        {
            throw new DomainException("This hold has expired or was already used.");
        }

        BookingId = bookingId;
        EndedAtUtc = nowUtc;
    }
}
