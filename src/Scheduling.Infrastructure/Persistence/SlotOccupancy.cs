using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

using Scheduling.Domain.Bookings;
using Scheduling.Domain.Slots;

namespace Scheduling.Infrastructure.Persistence;

/// <summary>
/// Changes a slot's concurrency token in the same save whenever a booking takes it, moves away from
/// it or releases it, so two writers of one slot can never both commit and no handler has to
/// remember to touch the slot. What "holds a slot" means is <see cref="BookingStatuses.Occupying"/>.
/// </summary>
internal static class SlotOccupancy
{
    /// <summary>Enough ids per query for any batch, well under every provider's parameter limit.</summary>
    private const int IdsPerQuery = 500;

    /// <summary>The slots whose occupancy the pending changes alter (tracker already up to date).</summary>
    public static HashSet<Guid> ChangedSlots(ChangeTracker tracker)
    {
        var slots = new HashSet<Guid>();
        foreach (var entry in tracker.Entries<Booking>())
        {
            switch (entry.State)
            {
                case EntityState.Added when entry.Entity.IsOccupying:
                    slots.Add(entry.Entity.SlotId);
                    break;
                case EntityState.Deleted when Occupies(entry.Property(b => b.Status).OriginalValue):
                    slots.Add(entry.Property(b => b.SlotId).OriginalValue);
                    break;
                case EntityState.Modified:
                    var slot = entry.Property(b => b.SlotId);
                    var wasOccupying = Occupies(entry.Property(b => b.Status).OriginalValue);
                    if (slot.OriginalValue != slot.CurrentValue || wasOccupying != entry.Entity.IsOccupying)
                    {
                        if (wasOccupying)
                        {
                            slots.Add(slot.OriginalValue);
                        }

                        if (entry.Entity.IsOccupying)
                        {
                            slots.Add(slot.CurrentValue);
                        }
                    }

                    break;
            }
        }

        return slots;
    }

    public static async Task TouchAsync(ApplicationDbContext db, HashSet<Guid> slotIds, CancellationToken cancellationToken)
    {
        foreach (var slot in Tracked(db, slotIds))
        {
            Touch(db, slot);
        }

        foreach (var chunk in slotIds.Chunk(IdsPerQuery))
        {
            foreach (var slot in await db.Slots.Where(s => chunk.Contains(s.Id)).ToListAsync(cancellationToken))
            {
                Touch(db, slot);
            }
        }
    }

    public static void Touch(ApplicationDbContext db, HashSet<Guid> slotIds)
    {
        foreach (var slot in Tracked(db, slotIds))
        {
            Touch(db, slot);
        }

        foreach (var chunk in slotIds.Chunk(IdsPerQuery))
        {
            foreach (var slot in db.Slots.Where(s => chunk.Contains(s.Id)).ToList())
            {
                Touch(db, slot);
            }
        }
    }

    /// <summary>The slots already tracked (read earlier by the handler, with the token it read); removes them from <paramref name="slotIds"/>.</summary>
    private static List<Slot> Tracked(ApplicationDbContext db, HashSet<Guid> slotIds)
    {
        var tracked = db.ChangeTracker.Entries<Slot>()
            .Where(e => e.State != EntityState.Deleted && slotIds.Contains(e.Entity.Id))
            .Select(e => e.Entity)
            .ToList();
        slotIds.ExceptWith(tracked.Select(s => s.Id));
        return tracked;
    }

    /// <summary>Also seen by a save that runs with automatic change detection off (the practice seeder's batches).</summary>
    private static void Touch(ApplicationDbContext db, Slot slot)
    {
        slot.Touch();
        db.Entry(slot).DetectChanges();
    }

    private static bool Occupies(BookingStatus status) => BookingStatuses.Occupying.Contains(status);
}
