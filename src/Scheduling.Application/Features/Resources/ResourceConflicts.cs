using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Features.Availability;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Capacity;
using Scheduling.Domain.Common;

namespace Scheduling.Application.Features.Resources;

/// <summary>A booking that a change to a resource leaves without its place, for the scheduler to move.</summary>
public sealed record BookingHit(Guid BookingId, DateTime StartUtc, string RoomName);

/// <summary>
/// Which upcoming bookings a change hits: leave or a part-day closure over their claims, fewer bays
/// than patients in recovery at once, a resource taken out of use, or weekly hours that no longer
/// cover them. Nothing is cancelled: the bookings are listed for a scheduler to move, as whole-day
/// closures list theirs.
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

    /// <summary>
    /// Upcoming bookings whose physician, sedation nurse or recovery unit no longer works at the case's
    /// time (its weekly hours changed after the booking), each with the reason in words; one resource's
    /// or, with <paramref name="resourceId"/> null, every one's. Rooms have no weekly hours (their slots
    /// say when they work) and resources out of use are listed for that reason instead.
    /// </summary>
    public static async Task<IReadOnlyList<(BookingHit Hit, string Reason)>> OutsideWeeklyHoursAsync(
        IApplicationDbContext db, CapacitySnapshots snapshots, ClinicTime clinicTime, Guid? resourceId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        var calendars = (await snapshots.ResourcesAsync(cancellationToken))
            .Where(r => r.Kind != ResourceKind.Room && r.IsActive && (resourceId is null || r.Id == resourceId))
            .ToDictionary(r => r.Id);
        if (calendars.Count == 0)
        {
            return [];
        }

        var bookings = db.Bookings.AsNoTracking().Where(BookingStatuses.HoldsClaimsExpr);
        bookings = resourceId is { } id
            ? bookings.Where(b => b.PhysicianId == id || b.SedationNurseId == id || b.RecoveryUnitId == id)
            : bookings.Where(b => b.PhysicianId != null || b.SedationNurseId != null || b.RecoveryUnitId != null);
        var upcoming = await (
                from b in bookings
                join s in db.Slots on b.SlotId equals s.Id
                where s.StartUtc >= nowUtc
                join r in db.Rooms on s.RoomId equals r.Id
                orderby s.StartUtc
                select new { b.Id, b.PhysicianId, b.SedationNurseId, b.RecoveryUnitId, b.RecoveryEndsUtc, s.StartUtc, s.EndUtc, Room = r.Name })
            .ToListAsync(cancellationToken);

        var hits = new List<(BookingHit, string)>();
        foreach (var b in upcoming)
        {
            // The physician and the nurse are needed for the procedure, the unit for the recovery after it (as the planner claims them).
            var needs = new (Guid? Resource, DateTime From, DateTime? To)[]
            {
                (b.PhysicianId, b.StartUtc, b.EndUtc),
                (b.SedationNurseId, b.StartUtc, b.EndUtc),
                (b.RecoveryUnitId, b.EndUtc, b.RecoveryEndsUtc),
            };
            foreach (var (resource, from, to) in needs)
            {
                if (resource is { } rid && to is { } until && calendars.TryGetValue(rid, out var calendar)
                    && calendar.NotWorkingDuring(from, until, clinicTime) is { } reason)
                {
                    hits.Add((new BookingHit(b.Id, b.StartUtc, b.Room), reason));
                }
            }
        }

        return hits;
    }

    /// <summary>From now on, as far as claims go.</summary>
    public static UnitSpan FromNow(DateTime nowUtc) => new(ClaimUnits.UnitOf(nowUtc), int.MaxValue);
}
