namespace Scheduling.Domain.Capacity;

/// <summary>
/// One place on one resource for one 30-minute unit, held by a booking or by a temporary hold. The
/// key (resource, unit, seat) is the database's guarantee: a resource with capacity N offers seats
/// 0..N-1 per unit, so an overfull recovery unit or a physician in two rooms at once would need a
/// second row with the same key, which no provider accepts. A claim exists only while it holds: a
/// cancelled or no-show booking's claims are deleted (the DbContext does it on save), a move
/// replaces them, and an expired hold's claims are swept by whoever next needs those units.
/// </summary>
public sealed class ResourceClaim
{
    private ResourceClaim()
    {
    }

    public Guid ResourceId { get; private set; }

    public int Unit { get; private set; }

    public int Seat { get; private set; }

    public Guid? BookingId { get; private set; }

    public Guid? HoldId { get; private set; }

    /// <summary>A hold's expiry (copied from it so availability needs no join); null for a booking's claim.</summary>
    public DateTime? ExpiresAtUtc { get; private set; }

    public static ResourceClaim ForBooking(Guid bookingId, PlannedClaim claim) => new()
    {
        ResourceId = claim.ResourceId,
        Unit = claim.Unit,
        Seat = claim.Seat,
        BookingId = bookingId,
    };

    public static ResourceClaim ForHold(CapacityHold hold, PlannedClaim claim)
    {
        ArgumentNullException.ThrowIfNull(hold);
        return new()
        {
            ResourceId = claim.ResourceId,
            Unit = claim.Unit,
            Seat = claim.Seat,
            HoldId = hold.Id,
            ExpiresAtUtc = hold.ExpiresAtUtc,
        };
    }

    /// <summary>Whether it still holds at <paramref name="nowUtc"/>: a booking's always, a hold's until it expires.</summary>
    public bool HoldsAt(DateTime nowUtc) => ExpiresAtUtc is null || ExpiresAtUtc > nowUtc;
}

/// <summary>A claim the planner chose, before it has an owner.</summary>
public readonly record struct PlannedClaim(Guid ResourceId, int Unit, int Seat);
