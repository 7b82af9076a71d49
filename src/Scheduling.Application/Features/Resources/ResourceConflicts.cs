using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Capacity;

namespace Scheduling.Application.Features.Resources;

/// <summary>A booking that a change to a resource leaves without its place, for the scheduler to move.</summary>
public sealed record BookingHit(Guid BookingId, DateTime StartUtc, string RoomName);

/// <summary>
/// Which upcoming bookings a change hits: leave or a part-day closure over their claims, fewer bays
/// than patients in recovery at once, or a resource taken out of use. Nothing is cancelled: the
/// bookings are listed for a scheduler to move, as whole-day closures list theirs.
/// </summary>
public static class ResourceConflicts
{
    /// <param name="capacity">Bookings are hit only in units where more than this many claim the resource (0: every claim).</param>
    public static async Task<IReadOnlyList<BookingHit>> BookingsHitAsync(
        IApplicationDbContext db, Guid resourceId, UnitSpan units, int capacity, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var from = Math.Max(units.First, ClaimUnits.UnitOf(nowUtc));
        var claims = await db.ResourceClaims.AsNoTracking()
            .Where(c => c.ResourceId == resourceId && c.BookingId != null && c.Unit >= from && c.Unit < units.End)
            .Select(c => new { c.Unit, BookingId = c.BookingId!.Value })
            .ToListAsync(cancellationToken);
        var hit = claims.GroupBy(c => c.Unit).Where(g => g.Count() > capacity).SelectMany(g => g.Select(c => c.BookingId)).Distinct().ToList();
        if (hit.Count == 0)
        {
            return [];
        }

        return await (
                from b in db.Bookings.AsNoTracking().Where(BookingStatuses.HoldsClaimsExpr)
                where hit.Contains(b.Id)
                join s in db.Slots on b.SlotId equals s.Id
                join r in db.Rooms on s.RoomId equals r.Id
                orderby s.StartUtc
                select new BookingHit(b.Id, s.StartUtc, r.Name))
            .ToListAsync(cancellationToken);
    }

    /// <summary>From now on, as far as claims go.</summary>
    public static UnitSpan FromNow(DateTime nowUtc) => new(ClaimUnits.UnitOf(nowUtc), int.MaxValue);
}
