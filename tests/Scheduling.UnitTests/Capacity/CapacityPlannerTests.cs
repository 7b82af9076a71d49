using Scheduling.Domain.Capacity;
using Scheduling.Domain.Common;

namespace Scheduling.UnitTests.Capacity;

/// <summary>The one rule for what a case holds: room, fair physician, nurse, a bay for the recovery, with reasons.</summary>
public sealed class CapacityPlannerTests
{
    private static readonly ClinicTime NewYork = ClinicTime.FromTimeZoneId("America/New_York");
    private static readonly DateOnly Tuesday = new(2026, 3, 10);
    private static readonly Guid Room = Guid.NewGuid();
    private static readonly Guid Lee = Guid.NewGuid();
    private static readonly Guid Kim = Guid.NewGuid();
    private static readonly Guid Bays = Guid.NewGuid();

    [Fact]
    public void Check_WithEverythingFree_ClaimsRoomAndPhysicianForTheProcedureAndTheLowestBayForFourHoursAfter()
    {
        var request = Case(new TimeOnly(9, 30));

        var check = CapacityPlanner.Check(request, Snapshot());

        var plan = Assert.IsType<CapacityPlan>(check.Plan);
        Assert.Equal(Kim, plan.PhysicianId); // no cases yet: by name, Kim before Lee
        Assert.Equal(Bays, plan.RecoveryUnitId);
        Assert.Equal(request.EndUtc.AddHours(4), plan.RecoveryEndsUtc);
        Assert.Equal(3, plan.Claims.Count(c => c.ResourceId == Room));
        Assert.Equal(3, plan.Claims.Count(c => c.ResourceId == Kim));
        Assert.Equal(8, plan.Claims.Count(c => c.ResourceId == Bays));
        Assert.Equal(ClaimUnits.UnitOf(request.EndUtc), plan.Claims.Where(c => c.ResourceId == Bays).Min(c => c.Unit));
    }

    [Fact]
    public void Check_WhenEveryBayIsTakenDuringTheRecovery_SaysNoRecoveryBayWithItsClinicTimes()
    {
        var request = Case(new TimeOnly(9, 30));
        var occupancy = new ClaimOccupancy();
        var recovery = ClaimUnits.Span(request.EndUtc, request.EndUtc.AddHours(4));
        occupancy.Add(Bays, recovery.First + 5, 0);
        occupancy.Add(Bays, recovery.First + 5, 1);

        var check = CapacityPlanner.Check(request, Snapshot(occupancy: occupancy));

        Assert.False(check.CanBook);
        Assert.Equal("no recovery bay 11:00 AM–3:00 PM", Assert.Single(check.Reasons));
    }

    [Fact]
    public void Check_UsesAFreeBaySeatPerUnit_SoASeatLeftAboveACutCapacityIsNeverOffered()
    {
        var request = Case(new TimeOnly(9, 30));
        var occupancy = new ClaimOccupancy();
        var first = ClaimUnits.UnitOf(request.EndUtc);
        occupancy.Add(Bays, first, 0);
        occupancy.Add(Bays, first, 2); // left there when the unit went from 3 bays to 2

        var plan = CapacityPlanner.Check(request, Snapshot(occupancy: occupancy)).Plan!;

        Assert.Equal(1, plan.Claims.Single(c => c.ResourceId == Bays && c.Unit == first).Seat);
        Assert.Equal(0, plan.Claims.Single(c => c.ResourceId == Bays && c.Unit == first + 1).Seat);
    }

    [Fact]
    public void Check_AssignsThePhysicianWithFewerCasesThatMonth()
    {
        var request = Case(new TimeOnly(7, 30));
        var month = new DateOnly(2026, 3, 1);
        var snapshot = Snapshot() with { CasesPerMonth = new Dictionary<(Guid, DateOnly), int> { [(Kim, month)] = 4, [(Lee, month)] = 3 } };

        Assert.Equal(Lee, CapacityPlanner.Check(request, snapshot).Plan!.PhysicianId);
    }

    [Fact]
    public void Check_AssignsTheSedationNurseWithFewerCasesThatMonth_AndByNameWhenEven()
    {
        var request = Case(new TimeOnly(7, 30));
        var month = new DateOnly(2026, 3, 1);
        var (ann, bea) = (Guid.NewGuid(), Guid.NewGuid());
        var weekdays = WeeklyHours.Defaults().ToList();
        var withNurses = Snapshot() with
        {
            Resources =
            [
                .. Snapshot().Resources,
                new ResourceCalendar(ann, ResourceKind.SedationNurse, "Ann Ruiz", 1, true, weekdays, []),
                new ResourceCalendar(bea, ResourceKind.SedationNurse, "Bea Moss", 1, true, weekdays, []),
            ],
        };

        Assert.Equal(ann, CapacityPlanner.Check(request, withNurses).Plan!.SedationNurseId);
        var annBusier = withNurses with { CasesPerMonth = new Dictionary<(Guid, DateOnly), int> { [(ann, month)] = 5, [(bea, month)] = 2 } };
        Assert.Equal(bea, CapacityPlanner.Check(request, annBusier).Plan!.SedationNurseId);
    }

    [Fact]
    public void Check_TheChosenPhysicianOnPartDayLeave_IsRefusedWithTheTimes_AndTheOtherIsAssignedWhenNoneIsChosen()
    {
        var request = Case(new TimeOnly(13, 30));
        var meeting = new UnavailableWindow(Lee, NewYork.ToUtc(Tuesday, new TimeOnly(13, 0)), NewYork.ToUtc(Tuesday, new TimeOnly(17, 0)), UnavailabilityKind.Meeting, "Tumour board");
        var snapshot = Snapshot(away: [meeting]);

        var chosen = CapacityPlanner.Check(request with { PhysicianId = Lee }, snapshot);
        var fair = CapacityPlanner.Check(request, snapshot);

        Assert.Equal("Dr Lee in a meeting (Tumour board) 1:00 PM–5:00 PM", Assert.Single(chosen.Reasons));
        Assert.Equal(Kim, fair.Plan!.PhysicianId);
    }

    [Fact]
    public void Check_APhysicianOutsideTheirWeeklyHours_IsNotAssigned_AndTheReasonNamesTheirHours()
    {
        var request = Case(new TimeOnly(13, 30));
        var mornings = new[] { new WeeklyWindow(DayOfWeek.Tuesday, new TimeOnly(7, 0), new TimeOnly(12, 30)) };
        var snapshot = Snapshot(kimHours: mornings, leeHours: mornings);

        var check = CapacityPlanner.Check(request, snapshot);

        Assert.Equal(
            "no IR physician free 1:30 PM–3:00 PM (Dr Kim not working then (Tuesdays 7:00 AM–12:30 PM); Dr Lee not working then (Tuesdays 7:00 AM–12:30 PM))",
            Assert.Single(check.Reasons));
    }

    [Fact]
    public void Check_ARequirementIsEnforcedOnlyOnceTheClinicHasSuchAResource()
    {
        var request = Case(new TimeOnly(7, 30));
        var roomsOnly = new CapacitySnapshot(ProcedureRequirements.Defaults(), [RoomCalendar()], new ClaimOccupancy(), NewYork);

        var plan = CapacityPlanner.Check(request, roomsOnly).Plan!;

        Assert.Null(plan.PhysicianId);
        Assert.Null(plan.RecoveryUnitId);
        Assert.All(plan.Claims, c => Assert.Equal(Room, c.ResourceId));
    }

    [Fact]
    public void Check_ARoomClosedPartOfTheDay_RefusesTheSlotsThatOverlapIt()
    {
        var closed = new UnavailableWindow(Room, NewYork.ToUtc(Tuesday, new TimeOnly(13, 0)), NewYork.ToUtc(Tuesday, new TimeOnly(17, 0)), UnavailabilityKind.Maintenance, null);
        var snapshot = Snapshot(away: [closed]);

        Assert.True(CapacityPlanner.Check(Case(new TimeOnly(11, 30)), snapshot).CanBook);
        Assert.Equal("IR 1 closed for maintenance 1:00 PM–5:00 PM", Assert.Single(CapacityPlanner.Check(Case(new TimeOnly(13, 30)), snapshot).Reasons));
    }

    [Fact]
    public void ClaimUnits_AreHalfHoursFromTheEpoch_AndAnIntervalHoldsEveryUnitItTouches()
    {
        var start = new DateTime(2026, 3, 10, 13, 45, 0, DateTimeKind.Utc);

        var span = ClaimUnits.Span(start, start.AddMinutes(90));

        Assert.Equal(new DateTime(2026, 3, 10, 13, 30, 0, DateTimeKind.Utc), ClaimUnits.StartOf(span.First));
        Assert.Equal(4, span.Count);
        Assert.Equal(3, ClaimUnits.Span(start.AddMinutes(-15), start.AddMinutes(75)).Count);
    }

    private static CapacityRequest Case(TimeOnly localStart)
    {
        var start = NewYork.ToUtc(Tuesday, localStart);
        return new CapacityRequest(Room, "IR 1", start, start.AddMinutes(90));
    }

    private static ResourceCalendar RoomCalendar(IReadOnlyList<UnavailableWindow>? away = null) =>
        new(Room, ResourceKind.Room, "IR 1", 1, true, [], away?.Where(a => a.ResourceId == Room).ToList() ?? []);

    private static CapacitySnapshot Snapshot(
        ClaimOccupancy? occupancy = null,
        IReadOnlyList<UnavailableWindow>? away = null,
        IReadOnlyList<WeeklyWindow>? kimHours = null,
        IReadOnlyList<WeeklyWindow>? leeHours = null)
    {
        var weekdays = WeeklyHours.Defaults().ToList();
        IReadOnlyList<UnavailableWindow> Of(Guid id) => away?.Where(a => a.ResourceId == id).ToList() ?? [];
        return new CapacitySnapshot(
            ProcedureRequirements.Defaults(),
            [
                RoomCalendar(away),
                new ResourceCalendar(Lee, ResourceKind.Physician, "Dr Lee", 1, true, leeHours ?? weekdays, Of(Lee)),
                new ResourceCalendar(Kim, ResourceKind.Physician, "Dr Kim", 1, true, kimHours ?? weekdays, Of(Kim)),
                new ResourceCalendar(Bays, ResourceKind.RecoveryUnit, "Day unit", 2, true, weekdays, Of(Bays)),
            ],
            occupancy ?? new ClaimOccupancy(),
            NewYork);
    }
}
