using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

using Scheduling.Domain.Bookings;
using Scheduling.Domain.Capacity;
using Scheduling.Domain.Rooms;

namespace Scheduling.Infrastructure.Persistence;

/// <summary>
/// What every save does for claims, so no use case has to remember it: a booking that stops holding
/// its places (cancelled by staff or the patient, a no-show; <see cref="BookingStatuses.HoldingClaims"/>)
/// or moves to another slot has its claims deleted in the same SaveChanges (a move's new claims are
/// planned and written by the use case after that save), and every new room gets its resource row.
/// </summary>
internal static class ClaimRelease
{
    private const int IdsPerQuery = 500;

    public static void AddRoomResources(ApplicationDbContext db)
    {
        var added = db.ChangeTracker.Entries<Room>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (added.Count == 0)
        {
            return;
        }

        var tracked = db.ChangeTracker.Entries<Resource>().Select(e => e.Entity.Id).ToHashSet();
        foreach (var room in added.Where(r => !tracked.Contains(r.Id)))
        {
            db.Resources.Add(Resource.ForRoom(room));
        }
    }

    /// <summary>Bookings whose claims this save must release (tracker up to date).</summary>
    public static HashSet<Guid> EndedOrMoved(ChangeTracker tracker)
    {
        var bookings = new HashSet<Guid>();
        foreach (var entry in tracker.Entries<Booking>())
        {
            switch (entry.State)
            {
                case EntityState.Deleted when Holds(entry.Property(b => b.Status).OriginalValue):
                    bookings.Add(entry.Entity.Id);
                    break;
                case EntityState.Modified when Holds(entry.Property(b => b.Status).OriginalValue):
                    var slot = entry.Property(b => b.SlotId);
                    if (!entry.Entity.HoldsClaims || slot.OriginalValue != slot.CurrentValue)
                    {
                        bookings.Add(entry.Entity.Id);
                    }

                    break;
            }
        }

        return bookings;
    }

    public static async Task ReleaseAsync(ApplicationDbContext db, HashSet<Guid> bookingIds, CancellationToken cancellationToken)
    {
        foreach (var chunk in bookingIds.Chunk(IdsPerQuery))
        {
            Remove(db, await db.ResourceClaims.Where(c => c.BookingId != null && chunk.Contains(c.BookingId.Value)).ToListAsync(cancellationToken));
        }
    }

    public static void Release(ApplicationDbContext db, HashSet<Guid> bookingIds)
    {
        foreach (var chunk in bookingIds.Chunk(IdsPerQuery))
        {
            Remove(db, db.ResourceClaims.Where(c => c.BookingId != null && chunk.Contains(c.BookingId.Value)).ToList());
        }
    }

    private static void Remove(ApplicationDbContext db, List<ResourceClaim> claims)
    {
        foreach (var claim in claims)
        {
            var entry = db.Entry(claim);
            if (entry.State is EntityState.Unchanged or EntityState.Modified)
            {
                entry.State = EntityState.Deleted;
            }
        }
    }

    private static bool Holds(BookingStatus status) => BookingStatuses.HoldingClaims.Contains(status);
}
