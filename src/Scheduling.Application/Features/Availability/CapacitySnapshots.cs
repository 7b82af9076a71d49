using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Capacity;
using Scheduling.Domain.Common;

namespace Scheduling.Application.Features.Availability;

/// <summary>
/// Reads what <see cref="CapacityPlanner"/> needs for a stretch of time, in a fixed handful of
/// queries whatever its length: the template, every resource with its weekly hours, the
/// unavailability and the live claims overlapping the stretch (an expired hold's claims are not
/// live), and, when a physician is to be assigned fairly, each physician's cases in the months
/// concerned.
/// </summary>
public sealed class CapacitySnapshots(IApplicationDbContext db, ClinicTime clinicTime)
{
    /// <param name="firstStartUtc">The earliest procedure start to be checked.</param>
    /// <param name="lastEndUtc">The latest procedure end; recovery after it is read too.</param>
    /// <param name="excludeBookingId">A booking being moved: its own claims do not stand in its way.</param>
    /// <param name="withCases">Whether to count each physician's cases (only needed to assign one).</param>
    /// <param name="excludeHoldId">A hold being booked: its own claims are the booking's to take.</param>
    public async Task<CapacitySnapshot> LoadAsync(
        DateTime firstStartUtc, DateTime lastEndUtc, DateTime nowUtc, Guid? excludeBookingId, bool withCases, CancellationToken cancellationToken,
        Guid? excludeHoldId = null)
    {
        var requirements = await RequirementsAsync(db, cancellationToken);
        var units = ClaimUnits.Span(firstStartUtc, lastEndUtc + requirements.Recovery);
        var calendars = await ResourcesAsync(cancellationToken);

        var away = await db.Unavailabilities.AsNoTracking()
            .Where(u => u.EndUnit > units.First && u.FirstUnit < units.End)
            .Select(u => new UnavailableWindow(u.ResourceId, u.StartUtc, u.EndUtc, u.Kind, u.Note))
            .ToListAsync(cancellationToken);

        var occupancy = new ClaimOccupancy();
        var claims = db.ResourceClaims.AsNoTracking()
            .Where(c => c.Unit >= units.First && c.Unit < units.End && (c.ExpiresAtUtc == null || c.ExpiresAtUtc > nowUtc));
        if (excludeBookingId is { } excluded)
        {
            claims = claims.Where(c => c.BookingId == null || c.BookingId != excluded);
        }

        if (excludeHoldId is { } hold)
        {
            claims = claims.Where(c => c.HoldId == null || c.HoldId != hold);
        }

        foreach (var claim in await claims.Select(c => new { c.ResourceId, c.Unit, c.Seat }).ToListAsync(cancellationToken))
        {
            occupancy.Add(claim.ResourceId, claim.Unit, claim.Seat);
        }

        var resources = calendars.Select(r => r with { Unavailable = away.Where(u => u.ResourceId == r.Id).ToList() }).ToList();

        var snapshot = new CapacitySnapshot(requirements, resources, occupancy, clinicTime);
        return withCases && resources.Any(r => r.Kind is ResourceKind.Physician or ResourceKind.SedationNurse)
            ? snapshot with { CasesPerMonth = await CasesPerMonthAsync(firstStartUtc, lastEndUtc, cancellationToken) }
            : snapshot;
    }

    /// <summary>Every resource with its weekly hours (and no unavailability): one query.</summary>
    public async Task<IReadOnlyList<ResourceCalendar>> ResourcesAsync(CancellationToken cancellationToken)
    {
        var rows = await (
                from r in db.Resources.AsNoTracking()
                join h in db.WeeklyHours on r.Id equals h.ResourceId into hours
                from h in hours.DefaultIfEmpty()
                select new { r.Id, r.Kind, r.Name, r.Capacity, r.IsActive, Weekday = (DayOfWeek?)h.Weekday, From = (TimeOnly?)h.From, To = (TimeOnly?)h.To })
            .ToListAsync(cancellationToken);
        return rows
            .GroupBy(r => r.Id)
            .Select(g =>
            {
                var r = g.First();
                return new ResourceCalendar(
                    r.Id, r.Kind, r.Name, r.Capacity, r.IsActive,
                    g.Where(h => h.Weekday is not null).Select(h => new WeeklyWindow(h.Weekday!.Value, h.From!.Value, h.To!.Value)).ToList(),
                    []);
            })
            .ToList();
    }

    /// <summary>The template as the admin saved it, or the defaults before anyone has.</summary>
    public static async Task<ProcedureRequirements> RequirementsAsync(IApplicationDbContext db, CancellationToken cancellationToken) =>
        await db.ProcedureRequirements.AsNoTracking().SingleOrDefaultAsync(r => r.Id == ProcedureRequirements.TheId, cancellationToken)
            ?? ProcedureRequirements.Defaults();

    /// <summary>Cases (bookings that hold their places) per physician and per nurse in each clinic-local month the range touches.</summary>
    private async Task<Dictionary<(Guid, DateOnly), int>> CasesPerMonthAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        var first = CapacityPlanner.MonthOf(fromUtc, clinicTime);
        var last = CapacityPlanner.MonthOf(toUtc, clinicTime).AddMonths(1);
        var cases = (
            from s in db.Slots.AsNoTracking()
            where s.LocalDate >= first && s.LocalDate < last
            join b in db.Bookings.Where(BookingStatuses.HoldsClaimsExpr) on s.Id equals b.SlotId
            select new { b.PhysicianId, b.SedationNurseId, s.LocalDate });
        var physicians = await cases.Where(c => c.PhysicianId != null)
            .GroupBy(c => new { Resource = c.PhysicianId!.Value, c.LocalDate.Year, c.LocalDate.Month })
            .Select(g => new { g.Key.Resource, g.Key.Year, g.Key.Month, Cases = g.Count() })
            .ToListAsync(cancellationToken);
        var nurses = await cases.Where(c => c.SedationNurseId != null)
            .GroupBy(c => new { Resource = c.SedationNurseId!.Value, c.LocalDate.Year, c.LocalDate.Month })
            .Select(g => new { g.Key.Resource, g.Key.Year, g.Key.Month, Cases = g.Count() })
            .ToListAsync(cancellationToken);
        return physicians.Concat(nurses).ToDictionary(r => (r.Resource, new DateOnly(r.Year, r.Month, 1)), r => r.Cases);
    }
}
