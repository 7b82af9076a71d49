using Scheduling.Domain.Common;

namespace Scheduling.Domain.Slots;

/// <summary>
/// A materialized 90-minute procedure slot in one room. (Room, start UTC) is unique. The slot itself
/// carries no "booked" flag: a booking row in an active state is what occupies it, and the database
/// allows at most one such row per slot. <see cref="Version"/> is a concurrency token that changes
/// whenever the slot is taken or released (the DbContext touches it on every save that adds, moves or
/// ends a booking of it), so two writers of the same slot cannot both commit even on SQLite, which
/// has no rowversion.
/// </summary>
[AuditedInBulk]
public sealed class Slot : Entity
{
    private Slot()
    {
    }

    public Guid RoomId { get; private set; }

    public DateTime StartUtc { get; private set; }

    /// <summary>End of the procedure (not of recovery).</summary>
    public DateTime EndUtc { get; private set; }

    /// <summary>The clinic-local day, for day and week queries without time-zone arithmetic in SQL.</summary>
    public DateOnly LocalDate { get; private set; }

    /// <summary>Set when a closure or a template change removed a slot that still had a booking; such a slot takes no new bookings.</summary>
    public bool IsWithdrawn { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public Guid Version { get; private set; } = Guid.NewGuid();

    public static Slot Create(SlotCandidate candidate, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return new Slot
        {
            RoomId = candidate.RoomId,
            StartUtc = candidate.StartUtc,
            EndUtc = candidate.EndUtc,
            LocalDate = candidate.LocalDate,
            CreatedAtUtc = nowUtc,
        };
    }

    /// <summary>Marks a write to the slot (taken, released): a concurrent writer of the same slot now fails on the token.</summary>
    public void Touch() => Version = Guid.NewGuid();

    public void Withdraw()
    {
        IsWithdrawn = true;
        Touch();
    }

    public void Restore()
    {
        IsWithdrawn = false;
        Touch();
    }
}
