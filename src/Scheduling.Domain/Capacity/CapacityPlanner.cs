using Scheduling.Domain.Common;

namespace Scheduling.Domain.Capacity;

/// <summary>The case to place: one slot's procedure in its room, with the physician asked for (null: assign fairly).</summary>
public sealed record CapacityRequest(Guid RoomId, string RoomName, DateTime StartUtc, DateTime EndUtc, Guid? PhysicianId = null);

/// <summary>
/// Everything the rules need for one stretch of time: the template, the resources with their hours
/// and unavailability, the live claims, and each physician's cases in the months concerned (for
/// assigning fairly; empty when only feasibility is asked).
/// </summary>
public sealed record CapacitySnapshot(
    ProcedureRequirements Requirements,
    IReadOnlyList<ResourceCalendar> Resources,
    ClaimOccupancy Occupancy,
    ClinicTime ClinicTime)
{
    /// <summary>
    /// Cases per physician and per sedation nurse per clinic-local month (first day of the month), for
    /// <see cref="CapacityPlanner"/>'s fair choice of either.
    /// </summary>
    public IReadOnlyDictionary<(Guid Resource, DateOnly Month), int> CasesPerMonth { get; init; } =
        new Dictionary<(Guid, DateOnly), int>();

    public bool Enforces(ResourceKind kind) => Requirements.Enforces(kind, Resources.Any(r => r.Kind == kind));

    public ResourceCalendar? Find(Guid id) => Resources.FirstOrDefault(r => r.Id == id);

    public IEnumerable<ResourceCalendar> OfKind(ResourceKind kind) => Resources.Where(r => r.Kind == kind);
}

/// <summary>What a case will hold: its room, the physician, nurse and recovery unit chosen, and every claim.</summary>
public sealed record CapacityPlan(
    Guid RoomId,
    Guid? PhysicianId,
    Guid? SedationNurseId,
    Guid? RecoveryUnitId,
    DateTime? RecoveryEndsUtc,
    IReadOnlyList<PlannedClaim> Claims);

/// <summary>A plan, or the reasons there is none ("no recovery bay 11:00–15:00", "Dr Lee on leave").</summary>
public sealed record CapacityCheck(CapacityPlan? Plan, IReadOnlyList<string> Reasons)
{
    public bool CanBook => Plan is not null;

    public string Reason => string.Join("; ", Reasons);
}

/// <summary>
/// The one rule for "can this slot's TACE happen, and with what": the room for the procedure, then
/// the performing physician (the one asked for, or among those free the one with the fewest cases in
/// the case's month, then by name: deterministic), a sedation nurse, and a recovery bay from the
/// procedure's end for the template's recovery time (one unit for the whole window, the lowest free
/// bay in each 30-minute unit). Pure: booking, holding, every list of free slots and the calendar all
/// ask here, so what is offered is what can be booked, and the database's claim key settles races.
/// </summary>
public static class CapacityPlanner
{
    private const int MaxNamedInReason = 3;

    public static CapacityCheck Check(CapacityRequest request, CapacitySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(snapshot);
        var clinicTime = snapshot.ClinicTime;
        var occupancy = snapshot.Occupancy;
        var procedure = ClaimUnits.Span(request.StartUtc, request.EndUtc);
        var reasons = new List<string>();
        var claims = new List<PlannedClaim>();

        // The room: its part-day closures and anything else holding it (a hold, a case left in an overlapping slot).
        var room = snapshot.Find(request.RoomId)
            ?? new ResourceCalendar(request.RoomId, ResourceKind.Room, request.RoomName, 1, true, [], []);
        if (room.WhyNot(procedure, request.StartUtc, request.EndUtc, occupancy, clinicTime) is { } roomProblem)
        {
            reasons.Add(roomProblem.Replace("busy with another case", "taken", StringComparison.Ordinal));
        }
        else
        {
            claims.AddRange(Places(room, procedure, occupancy));
        }

        var physician = ChoosePhysician(request, snapshot, procedure, reasons);
        if (physician is not null)
        {
            claims.AddRange(Places(physician, procedure, occupancy));
        }

        ResourceCalendar? nurse = null;
        if (snapshot.Enforces(ResourceKind.SedationNurse))
        {
            nurse = FirstFree(Fairest(snapshot, ResourceKind.SedationNurse, request.StartUtc), procedure, request.StartUtc, request.EndUtc, snapshot, "no sedation nurse free", reasons);
            if (nurse is not null)
            {
                claims.AddRange(Places(nurse, procedure, occupancy));
            }
        }

        ResourceCalendar? unit = null;
        DateTime? recoveryEnds = null;
        if (snapshot.Enforces(ResourceKind.RecoveryUnit))
        {
            recoveryEnds = request.EndUtc + snapshot.Requirements.Recovery;
            var recovery = ClaimUnits.Span(request.EndUtc, recoveryEnds.Value);
            unit = FirstFree(snapshot.OfKind(ResourceKind.RecoveryUnit), recovery, request.EndUtc, recoveryEnds.Value, snapshot, "no recovery bay", reasons);
            if (unit is not null)
            {
                claims.AddRange(Places(unit, recovery, occupancy));
            }
        }

        if (reasons.Count > 0)
        {
            return new CapacityCheck(null, reasons);
        }

        return new CapacityCheck(
            new CapacityPlan(request.RoomId, physician?.Id, nurse?.Id, unit?.Id, unit is null ? null : recoveryEnds, claims),
            []);
    }

    /// <summary>The clinic-local month a case counts in for fairness (its first day).</summary>
    public static DateOnly MonthOf(DateTime startUtc, ClinicTime clinicTime)
    {
        ArgumentNullException.ThrowIfNull(clinicTime);
        var day = clinicTime.LocalDate(startUtc);
        return new DateOnly(day.Year, day.Month, 1);
    }

    private static ResourceCalendar? ChoosePhysician(CapacityRequest request, CapacitySnapshot snapshot, UnitSpan procedure, List<string> reasons)
    {
        var clinicTime = snapshot.ClinicTime;
        if (request.PhysicianId is { } chosenId)
        {
            var chosen = snapshot.Find(chosenId);
            if (chosen is null || chosen.Kind != ResourceKind.Physician)
            {
                reasons.Add("the chosen physician is not on the list of IR physicians");
                return null;
            }

            if (chosen.WhyNot(procedure, request.StartUtc, request.EndUtc, snapshot.Occupancy, clinicTime) is { } why)
            {
                reasons.Add(why);
                return null;
            }

            return chosen;
        }

        if (!snapshot.Enforces(ResourceKind.Physician))
        {
            return null;
        }

        return FirstFree(Fairest(snapshot, ResourceKind.Physician, request.StartUtc), procedure, request.StartUtc, request.EndUtc, snapshot, "no IR physician free", reasons);
    }

    /// <summary>The physicians or nurses, fewest cases in the case's clinic month first, then by name (deterministic).</summary>
    private static IEnumerable<ResourceCalendar> Fairest(CapacitySnapshot snapshot, ResourceKind kind, DateTime startUtc)
    {
        var month = MonthOf(startUtc, snapshot.ClinicTime);
        return snapshot.OfKind(kind)
            .OrderBy(r => snapshot.CasesPerMonth.TryGetValue((r.Id, month), out var cases) ? cases : 0)
            .ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(r => r.Id);
    }

    /// <summary>The first of <paramref name="candidates"/> (in the order given) free for the span, or a reason naming why none is.</summary>
    private static ResourceCalendar? FirstFree(
        IEnumerable<ResourceCalendar> candidates, UnitSpan span, DateTime startUtc, DateTime endUtc, CapacitySnapshot snapshot, string none, List<string> reasons)
    {
        var why = new List<string>();
        foreach (var candidate in candidates)
        {
            var problem = candidate.WhyNot(span, startUtc, endUtc, snapshot.Occupancy, snapshot.ClinicTime);
            if (problem is null)
            {
                return candidate;
            }

            // An inactive resource is no news to anyone; the others are what the scheduler can act on.
            if (candidate.IsActive)
            {
                why.Add(problem);
            }
        }

        var range = CapacityText.Range(startUtc, endUtc, snapshot.ClinicTime);
        reasons.Add(why.Count == 0 || none == "no recovery bay" && why.All(w => w.Contains(" full ", StringComparison.Ordinal))
            ? $"{none} {range}"
            : $"{none} {range} ({string.Join("; ", why.Take(MaxNamedInReason))}{(why.Count > MaxNamedInReason ? "; …" : "")})");
        return null;
    }

    private static IEnumerable<PlannedClaim> Places(ResourceCalendar resource, UnitSpan span, ClaimOccupancy occupancy)
    {
        foreach (var unit in span.Units())
        {
            var seat = occupancy.FreeSeat(resource.Id, unit, resource.Capacity)
                ?? throw new InvalidOperationException($"No free place on {resource.Id} in unit {unit}; checked just before.");
            yield return new PlannedClaim(resource.Id, unit, seat);
        }
    }
}
