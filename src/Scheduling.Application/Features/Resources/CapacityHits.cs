using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Features.Availability;
using Scheduling.Domain.Capacity;
using Scheduling.Domain.Common;

namespace Scheduling.Application.Features.Resources;

/// <summary>A booking that no longer has a place it holds, and why, in words ("Dr Lee on leave until Fri 6 Mar").</summary>
public sealed record CapacityHit(Guid BookingId, IReadOnlyList<string> Reasons)
{
    public string Reason => string.Join("; ", Reasons);
}

/// <summary>
/// Every upcoming booking whose places time away or a change has taken from under it, whoever made
/// the change (an admin, or a physician at "My availability"): a physician's or nurse's leave or
/// meeting, or a room's or unit's part-day closure, over one of its claims; a physician, nurse or
/// unit taken out of use, or whose weekly hours no longer cover the case; or fewer bays than
/// patients in recovery at once. Derived from the claims
/// each time, so a booking leaves the list as soon as it is moved (its claims move), cancelled (they
/// go) or the time away is removed; nothing is cancelled here. The schedulers' "needs attention"
/// page lists them and their start page counts them.
/// </summary>
public static class CapacityHits
{
    /// <summary>The bookings hit from <paramref name="nowUtc"/> on, each with every reason, soonest first.</summary>
    public static async Task<IReadOnlyList<CapacityHit>> ListAsync(
        IApplicationDbContext db, ClinicTime clinicTime, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clinicTime);
        var now = ClaimUnits.UnitOf(nowUtc);
        var reasons = new Dictionary<Guid, SortedSet<string>>();
        var firstUnit = new Dictionary<Guid, int>();
        void Hit(Guid bookingId, int unit, string reason)
        {
            if (!reasons.TryGetValue(bookingId, out var set))
            {
                set = new SortedSet<string>(StringComparer.Ordinal);
                reasons[bookingId] = set;
            }

            set.Add(reason);
            firstUnit[bookingId] = Math.Min(firstUnit.GetValueOrDefault(bookingId, int.MaxValue), unit);
        }

        // Time away over a claim: one row per (booking, time away), with the first unit it hits.
        var away = await (
                from u in db.Unavailabilities.AsNoTracking()
                where u.EndUnit > now
                join c in db.ResourceClaims on u.ResourceId equals c.ResourceId
                where c.BookingId != null && c.Unit >= u.FirstUnit && c.Unit < u.EndUnit && c.Unit >= now
                join r in db.Resources on u.ResourceId equals r.Id
                group c.Unit by new { BookingId = c.BookingId!.Value, r.Name, u.StartUtc, u.EndUtc, u.Kind, u.Note } into g
                select new { g.Key.BookingId, g.Key.Name, g.Key.StartUtc, g.Key.EndUtc, g.Key.Kind, g.Key.Note, First = g.Min() })
            .ToListAsync(cancellationToken);
        foreach (var a in away)
        {
            var window = new UnavailableWindow(Guid.Empty, a.StartUtc, a.EndUtc, a.Kind, a.Note);
            Hit(a.BookingId, a.First, $"{a.Name} {window.What} {CapacityText.Window(a.StartUtc, a.EndUtc, ClaimUnits.StartOf(a.First), clinicTime)}");
        }

        // A physician, nurse or unit taken out of use (rooms go out of service on the rooms page, whose bookings the closures list has).
        var inactive = await (
                from r in db.Resources.AsNoTracking()
                where !r.IsActive
                join c in db.ResourceClaims on r.Id equals c.ResourceId
                where c.BookingId != null && c.Unit >= now
                group c.Unit by new { BookingId = c.BookingId!.Value, r.Name } into g
                select new { g.Key.BookingId, g.Key.Name, First = g.Min() })
            .ToListAsync(cancellationToken);
        foreach (var i in inactive)
        {
            Hit(i.BookingId, i.First, $"{i.Name} is not in use");
        }

        // Weekly hours changed under a booking: its physician, nurse or unit no longer works at the case's time.
        foreach (var (hit, reason) in await ResourceConflicts.OutsideWeeklyHoursAsync(db, new CapacitySnapshots(db, clinicTime), clinicTime, null, nowUtc, cancellationToken))
        {
            Hit(hit.BookingId, ClaimUnits.UnitOf(hit.StartUtc), reason);
        }

        // Fewer bays than patients in recovery: a seat at or above the unit's bays marks a unit of time to look at.
        var overSeats = await (
                from r in db.Resources.AsNoTracking()
                where r.Kind == ResourceKind.RecoveryUnit
                join c in db.ResourceClaims on r.Id equals c.ResourceId
                where c.BookingId != null && c.Unit >= now && c.Seat >= r.Capacity
                select new { c.ResourceId, c.Unit, r.Name, r.Capacity })
            .ToListAsync(cancellationToken);
        foreach (var unit in overSeats.GroupBy(o => o.ResourceId))
        {
            var first = unit.Min(o => o.Unit);
            var end = unit.Max(o => o.Unit) + 1;
            var (name, bays) = (unit.First().Name, unit.First().Capacity);
            var claims = await db.ResourceClaims.AsNoTracking()
                .Where(c => c.ResourceId == unit.Key && c.BookingId != null && c.Unit >= first && c.Unit < end)
                .Select(c => new { c.Unit, BookingId = c.BookingId!.Value })
                .ToListAsync(cancellationToken);
            var overfull = new Dictionary<Guid, (int Unit, int Patients)>();
            foreach (var full in claims.GroupBy(c => c.Unit).Where(g => g.Count() > bays).OrderBy(g => g.Key))
            {
                foreach (var claim in full)
                {
                    overfull.TryAdd(claim.BookingId, (full.Key, full.Count()));
                }
            }

            foreach (var (bookingId, (at, patients)) in overfull)
            {
                var time = clinicTime.Time(clinicTime.ToLocal(ClaimUnits.StartOf(at)));
                Hit(bookingId, at, $"{name} has {bays} {(bays == 1 ? "bay" : "bays")} for {patients} patients in recovery at {time}");
            }
        }

        return reasons
            .OrderBy(r => firstUnit[r.Key]).ThenBy(r => r.Key)
            .Select(r => new CapacityHit(r.Key, r.Value.ToList()))
            .ToList();
    }
}
