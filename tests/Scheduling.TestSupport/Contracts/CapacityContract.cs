using Mediator;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Bookings;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Capacity;
using Scheduling.Domain.Referrals;
using Scheduling.Domain.Rooms;
using Scheduling.Domain.Slots;
using Scheduling.TestSupport.Databases;

namespace Scheduling.TestSupport.Contracts;

/// <summary>
/// Capacity against a real database: a booking claims its room, IR physician and recovery bay in one
/// transaction, and the claims' key (resource, 30-minute unit, seat) makes an overfull recovery unit
/// or a physician in two rooms at once impossible, whatever the interleaving. Races run each command
/// in its own scope and connection, released together. The clock is Monday 2 Mar 2026, 03:00 in New
/// York. Resources are shared by the class's tests (one database), so each test starts by stating the
/// template it needs and taking every other physician, nurse and unit out of use.
/// </summary>
public abstract class CapacityContract(DatabaseFixture fixture) : AppContract(fixture)
{
    private const int Racers = 50;
    private const int Rounds = 10;

    private static readonly DateOnly Tuesday10Mar = new(2026, 3, 10);
    private static readonly TimeOnly Morning = new(7, 30);
    private static readonly TimeOnly Midday = new(11, 30);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        App.User.SignInAs("user-scheduler-1", "sam@clinic.test", Roles.Scheduler);
    }

    [Fact]
    public async Task BookSlot_ClaimsTheRoomThePhysicianAndABayForTheRecovery_AndTheBookingSaysWhich()
    {
        await IsolateAsync(physician: true, recoveryBay: true);
        var lee = await AddResourceAsync(ResourceKind.Physician, "Dr Lee");
        var unit = await AddResourceAsync(ResourceKind.RecoveryUnit, "Day unit", capacity: 2);
        var (scenario, slot) = await ScenarioWithSlotAsync(1, Tuesday10Mar, Morning);

        var result = await App.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, slot.Id, null));

        Assert.True(result.IsSuccess, Describe(result.Error));
        var booking = await BookingAsync(result.Value);
        Assert.Equal(lee, booking.PhysicianId);
        Assert.Equal(unit, booking.RecoveryUnitId);
        Assert.Equal(slot.EndUtc.AddHours(4), booking.RecoveryEndsUtc);
        var claims = await ClaimsOfAsync(result.Value);
        var procedure = ClaimUnits.Span(slot.StartUtc, slot.EndUtc);
        var recovery = ClaimUnits.Span(slot.EndUtc, slot.EndUtc.AddHours(4));
        Assert.Equal(procedure.Units(), claims.Where(c => c.ResourceId == scenario.Room.Id).Select(c => c.Unit).Order());
        Assert.Equal(procedure.Units(), claims.Where(c => c.ResourceId == lee).Select(c => c.Unit).Order());
        Assert.Equal(recovery.Units(), claims.Where(c => c.ResourceId == unit).Select(c => c.Unit).Order());
        Assert.Equal(3 + 3 + 8, claims.Count);
        Assert.All(claims, c => Assert.Equal(0, c.Seat));
    }

    [Fact]
    public async Task BookSlot_FiftyBookingsInDifferentRoomsForTheLastFreeBay_Repeated_ExactlyOneIsBookedAndTheOthersAreToldWhyWithNothingHalfWritten()
    {
        await IsolateAsync(physician: false, recoveryBay: true);
        await AddResourceAsync(ResourceKind.RecoveryUnit, $"Bays {Guid.NewGuid():N}"[..12], capacity: 2);
        var rooms = await AddRoomsAsync(Racers + 1);

        for (var round = 0; round < Rounds; round++)
        {
            var day = RoundDay(round);

            // One bay of two is already taken by a case whose recovery covers the racers'.
            var first = await ScenarioWithSlotAsync(1, day, Morning, rooms[0]);
            Assert.True((await App.SendAsync(new BookSlot.Command(first.Scenario.Referrals[0].Id, first.Slot.Id, null))).IsSuccess);

            var doctor = first.Scenario.DoctorUserId;
            var racers = new List<(Referral Referral, Slot Slot)>();
            foreach (var room in rooms.Skip(1))
            {
                racers.Add((await AddReferralAsync(doctor), await AddSlotAsync(room, day, new TimeOnly(9, 30))));
            }

            var before = await CountsAsync();
            var results = await RaceAsync(racers.Select(r => new BookSlot.Command(r.Referral.Id, r.Slot.Id, null)).ToList());

            var winner = Assert.Single(results, r => r.IsSuccess);
            Assert.All(results.Where(r => !r.IsSuccess), r =>
            {
                Assert.Equal(ErrorKind.Conflict, r.Error!.Kind);
                Assert.Contains("no recovery bay 11:00 AM–3:00 PM", r.Error.Message, StringComparison.Ordinal);
            });
            var after = await CountsAsync();
            Assert.Equal(before.Bookings + 1, after.Bookings);
            Assert.Equal(before.Claims + 3 + 8, after.Claims);
            Assert.Equal(before.Outbox + (await OutboxKindsAsync(winner.Value)).Count, after.Outbox);
            var scheduled = await App.WithDbAsync(db => db.Referrals.AsNoTracking()
                .CountAsync(r => racers.Select(x => x.Referral.Id).Contains(r.Id) && r.Status == ReferralStatus.Scheduled));
            Assert.Equal(1, scheduled);
            await AssertNoUnitOverfullAsync();
        }
    }

    [Fact]
    public async Task BookSlot_FiftyBookingsInDifferentRoomsAskingForOnePhysician_Repeated_ExactlyOneIsBooked()
    {
        await IsolateAsync(physician: true, recoveryBay: false);
        var lee = await AddResourceAsync(ResourceKind.Physician, $"Dr Lee {Guid.NewGuid():N}"[..14]);
        var rooms = await AddRoomsAsync(Racers);

        for (var round = 0; round < Rounds; round++)
        {
            var day = RoundDay(round);
            var doctor = await TestData.AddDoctorAsync(App.Services);
            var racers = new List<(Referral Referral, Slot Slot)>();
            foreach (var room in rooms)
            {
                racers.Add((await AddReferralAsync(doctor), await AddSlotAsync(room, day, Midday)));
            }

            var before = await CountsAsync();
            var results = await RaceAsync(racers.Select(r => new BookSlot.Command(r.Referral.Id, r.Slot.Id, null, PhysicianId: lee)).ToList());

            var winner = Assert.Single(results, r => r.IsSuccess);
            Assert.Equal(lee, (await BookingAsync(winner.Value)).PhysicianId);
            Assert.All(results.Where(r => !r.IsSuccess), r =>
            {
                Assert.Equal(ErrorKind.Conflict, r.Error!.Kind);
                Assert.Contains("busy with another case 11:30 AM–1:00 PM", r.Error.Message, StringComparison.Ordinal);
            });
            var after = await CountsAsync();
            Assert.Equal(before.Bookings + 1, after.Bookings);
            Assert.Equal(before.Claims + 3 + 3, after.Claims);
        }
    }

    [Fact]
    public async Task BookSlot_TwoRoomsAtOnceWithTwoPhysiciansAssignedFairly_Repeated_BothAreBookedWithDifferentPhysicians()
    {
        await IsolateAsync(physician: true, recoveryBay: false);
        var a = await AddResourceAsync(ResourceKind.Physician, $"Dr A {Guid.NewGuid():N}"[..12]);
        var b = await AddResourceAsync(ResourceKind.Physician, $"Dr B {Guid.NewGuid():N}"[..12]);
        var rooms = await AddRoomsAsync(2);

        for (var round = 0; round < Rounds; round++)
        {
            var day = RoundDay(round);
            var doctor = await TestData.AddDoctorAsync(App.Services);
            var one = (await AddReferralAsync(doctor), await AddSlotAsync(rooms[0], day, Morning));
            var two = (await AddReferralAsync(doctor), await AddSlotAsync(rooms[1], day, Morning));

            var results = await RaceAsync([new BookSlot.Command(one.Item1.Id, one.Item2.Id, null), new BookSlot.Command(two.Item1.Id, two.Item2.Id, null)]);

            Assert.All(results, r => Assert.True(r.IsSuccess, Describe(r.Error)));
            var physicians = new[] { (await BookingAsync(results[0].Value)).PhysicianId, (await BookingAsync(results[1].Value)).PhysicianId };
            Assert.Equal(new Guid?[] { a, b }.Order(), physicians.Order());
        }
    }

    [Fact]
    public async Task BookSlot_AssignsThePhysicianWithTheFewestCasesInTheMonth_ThenByName()
    {
        await IsolateAsync(physician: true, recoveryBay: false);
        await AssertSharedFairlyAsync(ResourceKind.Physician, ("Dr Kim", "Dr Lee"), b => b.PhysicianId);
    }

    [Fact]
    public async Task BookSlot_SharesTheSedationNursesFairly_FewestCasesInTheMonthFirst_ThenByName()
    {
        await IsolateAsync(physician: false, recoveryBay: false, sedationNurse: true);
        await AssertSharedFairlyAsync(ResourceKind.SedationNurse, ("Ann Ruiz", "Bea Moss"), b => b.SedationNurseId);
    }

    /// <summary>
    /// Two of a kind, both free all day: three cases (two on one March day, one in April). Even (no cases): by name, the
    /// first; then the second, who has fewer that month (not the first again); April starts again from none.
    /// </summary>
    private async Task AssertSharedFairlyAsync(ResourceKind kind, (string First, string Second) names, Func<Booking, Guid?> assigned)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var first = await AddResourceAsync(kind, $"{names.First} {suffix}");
        var second = await AddResourceAsync(kind, $"{names.Second} {suffix}");
        var (scenario, morning) = await ScenarioWithSlotAsync(3, Tuesday10Mar, Morning);
        var midday = await AddSlotAsync(scenario.Room, Tuesday10Mar, Midday);
        var nextMonth = await AddSlotAsync(scenario.Room, new DateOnly(2026, 4, 7), Morning);

        var one = await App.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, morning.Id, null));
        var two = await App.SendAsync(new BookSlot.Command(scenario.Referrals[1].Id, midday.Id, null));
        var three = await App.SendAsync(new BookSlot.Command(scenario.Referrals[2].Id, nextMonth.Id, null));

        Assert.Equal(first, assigned(await BookingAsync(one.Value)));
        Assert.Equal(second, assigned(await BookingAsync(two.Value)));
        Assert.Equal(first, assigned(await BookingAsync(three.Value)));
    }

    [Fact]
    public async Task BookSlot_WithTheChosenPhysicianOnLeave_IsRefusedWithTheReasonAndWritesNothing()
    {
        await IsolateAsync(physician: true, recoveryBay: false);
        var name = $"Dr Lee {Guid.NewGuid():N}"[..14];
        var lee = await AddResourceAsync(ResourceKind.Physician, name);
        await AddUnavailabilityAsync(lee, Tuesday10Mar, new TimeOnly(0, 0), Tuesday10Mar.AddDays(3), new TimeOnly(0, 0), UnavailabilityKind.Leave);
        var (scenario, slot) = await ScenarioWithSlotAsync(1, Tuesday10Mar, Morning);
        var before = await CountsAsync();

        var result = await App.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, slot.Id, null, PhysicianId: lee));

        Assert.Equal(ErrorKind.Conflict, result.Error?.Kind);
        Assert.Contains($"{name} on leave until Thu 12 Mar", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task BookSlot_DuringAPhysiciansMeeting_AssignsAnother_AndWhenNoneIsFreeSaysWhy()
    {
        await IsolateAsync(physician: true, recoveryBay: false);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var lee = await AddResourceAsync(ResourceKind.Physician, $"Dr Lee {suffix}");
        var kim = await AddResourceAsync(ResourceKind.Physician, $"Dr Kim {suffix}");
        await AddUnavailabilityAsync(kim, Tuesday10Mar, new TimeOnly(11, 0), Tuesday10Mar, new TimeOnly(17, 0), UnavailabilityKind.Meeting, "Tumour board");
        var (scenario, first) = await ScenarioWithSlotAsync(2, Tuesday10Mar, Midday);
        var rival = await AddSlotAsync(await AddRoomAsync(), Tuesday10Mar, Midday);

        var booked = await App.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, first.Id, null));
        var refused = await App.SendAsync(new BookSlot.Command(scenario.Referrals[1].Id, rival.Id, null));

        Assert.Equal(lee, (await BookingAsync(booked.Value)).PhysicianId);
        Assert.Equal(ErrorKind.Conflict, refused.Error?.Kind);
        Assert.Contains("no IR physician free 11:30 AM–1:00 PM", refused.Error!.Message, StringComparison.Ordinal);
        Assert.Contains($"Dr Kim {suffix} in a meeting (Tumour board) 11:00 AM–5:00 PM", refused.Error.Message, StringComparison.Ordinal);
        Assert.Contains($"Dr Lee {suffix} busy with another case", refused.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelAndNoShow_ReleaseTheClaims_CompletedKeepsThem_AndRescheduleMovesThem()
    {
        await IsolateAsync(physician: true, recoveryBay: true);
        await AddResourceAsync(ResourceKind.Physician, $"Dr Lee {Guid.NewGuid():N}"[..14]);
        await AddResourceAsync(ResourceKind.RecoveryUnit, $"Bays {Guid.NewGuid():N}"[..12], capacity: 1);
        var (scenario, a) = await ScenarioWithSlotAsync(4, Tuesday10Mar, Morning);
        var b = await AddSlotAsync(scenario.Room, Tuesday10Mar.AddDays(1), Midday);
        var c = await AddSlotAsync(scenario.Room, Tuesday10Mar.AddDays(2), Morning);
        var d = await AddSlotAsync(scenario.Room, Tuesday10Mar.AddDays(3), Morning);

        var moved = await App.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, a.Id, null));
        Assert.True((await App.SendAsync(new RescheduleBooking.Command(moved.Value, b.Id, null))).IsSuccess);
        var claims = await ClaimsOfAsync(moved.Value);
        Assert.Equal(14, claims.Count);
        Assert.All(claims, claim => Assert.True(claim.Unit >= ClaimUnits.UnitOf(b.StartUtc)));
        Assert.Equal(b.EndUtc.AddHours(4), (await BookingAsync(moved.Value)).RecoveryEndsUtc);

        // The first slot's places are free again: the single bay takes another case there.
        var again = await App.SendAsync(new BookSlot.Command(scenario.Referrals[1].Id, a.Id, null));
        Assert.True(again.IsSuccess, Describe(again.Error));
        Assert.True((await App.SendAsync(new CancelBooking.Command(again.Value, "Patient unwell"))).IsSuccess);
        Assert.Empty(await ClaimsOfAsync(again.Value));

        var noShow = await App.SendAsync(new BookSlot.Command(scenario.Referrals[2].Id, c.Id, null));
        var completed = await App.SendAsync(new BookSlot.Command(scenario.Referrals[3].Id, d.Id, null));
        App.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 13, 16, 0, 0, TimeSpan.Zero));
        Assert.True((await App.SendAsync(new RecordOutcome.Command(noShow.Value, ProcedureOutcome.NoShow))).IsSuccess);
        Assert.True((await App.SendAsync(new RecordOutcome.Command(completed.Value, ProcedureOutcome.Completed))).IsSuccess);
        Assert.Empty(await ClaimsOfAsync(noShow.Value));
        Assert.Equal(14, (await ClaimsOfAsync(completed.Value)).Count);
    }

    [Fact]
    public async Task Database_RefusesASecondClaimOnTheSamePlace_AsAUniqueViolation()
    {
        await IsolateAsync(physician: false, recoveryBay: false);
        var (scenario, slot) = await ScenarioWithSlotAsync(2, Tuesday10Mar, Morning);
        var booked = await App.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, slot.Id, null));
        var unit = ClaimUnits.UnitOf(slot.StartUtc);
        var errors = App.Services.GetRequiredService<IDatabaseErrors>();

        var exception = await App.WithDbAsync(async db =>
        {
            var other = Booking.Create(scenario.Referrals[1].Id, (await AddSlotAsync(scenario.Room, Tuesday10Mar.AddDays(1), Morning)).Id, "forced", null, Now);
            db.Bookings.Add(other);
            await db.SaveChangesAsync();
            db.ResourceClaims.Add(ResourceClaim.ForBooking(other.Id, new PlannedClaim(scenario.Room.Id, unit, 0)));
            return await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        });

        Assert.True(errors.IsUniqueViolation(exception), exception.InnerException?.Message);
        Assert.Single(await App.WithDbAsync(db => db.ResourceClaims.AsNoTracking().Where(c => c.ResourceId == scenario.Room.Id && c.Unit == unit).ToListAsync()));
        Assert.True(booked.IsSuccess);
    }

    [Fact]
    public async Task PlaceHold_BlocksEveryoneElseUntilItExpires_AndItsOwnReferralBooksThroughIt()
    {
        await IsolateAsync(physician: true, recoveryBay: true);
        var lee = await AddResourceAsync(ResourceKind.Physician, $"Dr Lee {Guid.NewGuid():N}"[..14]);
        await AddResourceAsync(ResourceKind.RecoveryUnit, $"Bays {Guid.NewGuid():N}"[..12], capacity: 1);
        var (scenario, slot) = await ScenarioWithSlotAsync(3, Tuesday10Mar, Morning);
        var elsewhere = await AddSlotAsync(await AddRoomAsync(), Tuesday10Mar, Morning);

        var held = await App.SendAsync(new PlaceHold.Command(slot.Id, scenario.Referrals[0].Id, null, TimeSpan.FromMinutes(10), "fhir-client"));
        Assert.True(held.IsSuccess, Describe(held.Error));
        Assert.Equal(lee, held.Value.PhysicianId);

        // The slot, and the physician and bay it holds, are taken for everyone else.
        var sameSlot = await App.SendAsync(new BookSlot.Command(scenario.Referrals[1].Id, slot.Id, null));
        Assert.Equal(ErrorKind.Conflict, sameSlot.Error?.Kind);
        Assert.Contains("taken", sameSlot.Error!.Message, StringComparison.Ordinal);
        var samePhysician = await App.SendAsync(new BookSlot.Command(scenario.Referrals[1].Id, elsewhere.Id, null));
        Assert.Equal(ErrorKind.Conflict, samePhysician.Error?.Kind);

        var booked = await App.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, slot.Id, null, HoldId: held.Value.HoldId));
        Assert.True(booked.IsSuccess, Describe(booked.Error));
        Assert.Equal(14, (await ClaimsOfAsync(booked.Value)).Count);
        Assert.Empty(await App.WithDbAsync(db => db.ResourceClaims.AsNoTracking().Where(c => c.HoldId == held.Value.HoldId).ToListAsync()));

        // A hold that expires gives its places back to whoever comes next.
        var later = await AddSlotAsync(scenario.Room, Tuesday10Mar.AddDays(1), Morning);
        var expiring = await App.SendAsync(new PlaceHold.Command(later.Id, null, null, TimeSpan.FromMinutes(10), "fhir-client"));
        Assert.True(expiring.IsSuccess, Describe(expiring.Error));
        Assert.False((await App.SendAsync(new BookSlot.Command(scenario.Referrals[1].Id, later.Id, null))).IsSuccess);
        App.Clock.Advance(TimeSpan.FromMinutes(11));
        var afterExpiry = await App.SendAsync(new BookSlot.Command(scenario.Referrals[1].Id, later.Id, null));
        Assert.True(afterExpiry.IsSuccess, Describe(afterExpiry.Error));
    }

    [Fact]
    public async Task PlaceHold_FiftyAtOnceOnOneSlot_ExactlyOneHolds()
    {
        await IsolateAsync(physician: false, recoveryBay: false);
        var (_, slot) = await ScenarioWithSlotAsync(0, Tuesday10Mar.AddDays(14), Morning);

        var results = await RaceAsync(Enumerable.Range(0, Racers)
            .Select(i => new PlaceHold.Command(slot.Id, null, null, null, $"client-{i}")).ToList());

        Assert.Single(results, r => r.IsSuccess);
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal(ErrorKind.Conflict, r.Error!.Kind));
        Assert.Single(await App.WithDbAsync(db => db.CapacityHolds.AsNoTracking().Where(h => h.SlotId == slot.Id).ToListAsync()));
    }

    [Fact]
    public async Task FreeSlotsNextAvailableAndTheCalendar_OfferOnlyWhatCanBeBooked_AndSayWhyNotForTheRest()
    {
        await IsolateAsync(physician: true, recoveryBay: true);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var lee = await AddResourceAsync(ResourceKind.Physician, $"Dr Lee {suffix}");
        await AddResourceAsync(ResourceKind.RecoveryUnit, $"Bays {suffix}", capacity: 1);
        var day = new DateOnly(2026, 4, 14);
        var (scenario, morning) = await ScenarioWithSlotAsync(1, day, Morning);
        var overlapping = await AddSlotAsync(await AddRoomAsync(), day, new TimeOnly(9, 30));
        var afternoon = await AddSlotAsync(scenario.Room, day, new TimeOnly(13, 30));
        Assert.True((await App.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, morning.Id, null))).IsSuccess);

        var free = await App.SendAsync(new Application.Features.Availability.FindFreeSlots.Query(From: day));
        var next = await App.SendAsync(new Application.Features.Availability.FindNextAvailable.Query(day, null));
        var week = await App.SendAsync(new Application.Features.Availability.GetWeekCalendar.Query(day));

        // 09:30 needs the one bay from 11:00, which the 07:30 case holds until 13:00; 13:30 is clear.
        Assert.Equal([afternoon.Id], free.Value.Slots.Where(s => DateOnly.FromDateTime(s.LocalStart) == day).Select(s => s.SlotId));
        Assert.Equal($"Dr Lee {suffix}", free.Value.Slots.Single(s => s.SlotId == afternoon.Id).PhysicianName);
        var refused = Assert.Single(free.Value.NotOffered, n => n.SlotId == overlapping.Id);
        Assert.Equal("no recovery bay 11:00 AM–3:00 PM", refused.Reason);
        Assert.Contains(next.Value.NotOffered, n => n.SlotId == overlapping.Id && n.Reason == "no recovery bay 11:00 AM–3:00 PM");
        Assert.DoesNotContain(next.Value.Slots, r => r.SlotId == overlapping.Id);
        var cells = week.Value.Rooms.SelectMany(r => r.Days).SelectMany(d => d.Slots).ToList();
        var blocked = cells.Single(c => c.SlotId == overlapping.Id);
        Assert.Equal(Application.Features.Availability.GetWeekCalendar.SlotState.Unavailable, blocked.State);
        Assert.Equal("no recovery bay 11:00 AM–3:00 PM", blocked.Reason);
        var booked = cells.Single(c => c.SlotId == morning.Id);
        Assert.Equal($"Dr Lee {suffix}", booked.PhysicianName);
        Assert.Equal($"Bays {suffix}", booked.BayName);
        Assert.Equal(Application.Features.Availability.GetWeekCalendar.SlotState.Free, cells.Single(c => c.SlotId == afternoon.Id).State);

        // Filtered by a physician on leave that afternoon, the free slot is not theirs to take.
        await AddUnavailabilityAsync(lee, day, new TimeOnly(13, 0), day, new TimeOnly(17, 0), UnavailabilityKind.Meeting, "Tumour board");
        var lees = await App.SendAsync(new Application.Features.Availability.GetWeekCalendar.Query(day, lee));
        var afternoonCell = lees.Value.Rooms.SelectMany(r => r.Days).SelectMany(d => d.Slots).Single(c => c.SlotId == afternoon.Id);
        Assert.Equal(Application.Features.Availability.GetWeekCalendar.SlotState.Unavailable, afternoonCell.State);
        Assert.Equal($"Dr Lee {suffix} in a meeting (Tumour board) 1:00 PM–5:00 PM", afternoonCell.Reason);
    }

    [Fact]
    public async Task DayList_ShowsEachCasesPhysicianAndBay_AndWhoIsAwayThatDay()
    {
        await IsolateAsync(physician: true, recoveryBay: true);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var kim = await AddResourceAsync(ResourceKind.Physician, $"Dr Kim {suffix}");
        var lee = await AddResourceAsync(ResourceKind.Physician, $"Dr Lee {suffix}");
        await AddResourceAsync(ResourceKind.RecoveryUnit, $"Bays {suffix}", capacity: 2);
        var day = new DateOnly(2026, 4, 15);
        await AddUnavailabilityAsync(kim, day, new TimeOnly(13, 0), day, new TimeOnly(17, 0), UnavailabilityKind.Meeting, "Tumour board");
        var (scenario, slot) = await ScenarioWithSlotAsync(1, day, Morning);
        var booked = await App.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, slot.Id, null, PhysicianId: lee));
        Assert.True(booked.IsSuccess, Describe(booked.Error));

        var list = await App.SendAsync(new GetDayList.Query(day));

        var line = list.Value.Rooms.SelectMany(r => r.Slots).Single(s => s.SlotId == slot.Id).Patient!;
        Assert.Equal($"Dr Lee {suffix}", line.PhysicianName);
        Assert.Equal($"Bays {suffix}", line.BayName);
        Assert.Equal(new DateTime(2026, 4, 15, 13, 0, 0), line.LocalRecoveryEnd);
        Assert.Contains($"Dr Kim {suffix} in a meeting (Tumour board) 1:00 PM–5:00 PM", list.Value.Away);
    }

    /// <summary>A weekday of its own for each round (Monday 9 Mar to Friday, then the next week), inside everyone's weekly hours.</summary>
    private static DateOnly RoundDay(int round) => new DateOnly(2026, 3, 9).AddDays((7 * (round / 5)) + (round % 5));

    /// <summary>States the template this test needs and takes every physician, nurse and unit other tests left out of use.</summary>
    protected async Task IsolateAsync(bool physician, bool recoveryBay, bool sedationNurse = false, int recoveryMinutes = 240) =>
        await App.WithDbAsync(async db =>
        {
            var template = await db.ProcedureRequirements.SingleOrDefaultAsync(r => r.Id == ProcedureRequirements.TheId);
            if (template is null)
            {
                template = ProcedureRequirements.Defaults();
                db.ProcedureRequirements.Add(template);
            }

            template.Change(physician, sedationNurse, recoveryBay, recoveryMinutes, "test", Now);
            foreach (var resource in await db.Resources.Where(r => r.Kind != ResourceKind.Room && r.IsActive).ToListAsync())
            {
                resource.Deactivate();
            }

            await db.SaveChangesAsync();
        });

    protected async Task<Guid> AddResourceAsync(ResourceKind kind, string name, int capacity = 1, string? userId = null) =>
        await App.WithDbAsync(async db =>
        {
            var resource = Resource.Create(kind, name, capacity, userId, Now);
            db.Resources.Add(resource);
            db.WeeklyHours.AddRange(WeeklyHours.Defaults().Select(h => WeeklyHours.Create(resource.Id, h)));
            await db.SaveChangesAsync();
            return resource.Id;
        });

    protected async Task AddUnavailabilityAsync(Guid resourceId, DateOnly fromDate, TimeOnly fromTime, DateOnly toDate, TimeOnly toTime, UnavailabilityKind kind, string? note = null) =>
        await App.WithDbAsync(async db =>
        {
            db.Unavailabilities.Add(Unavailability.Create(
                resourceId, ClinicTime.ToUtc(fromDate, fromTime), ClinicTime.ToUtc(toDate, toTime), kind, note, null, "admin@clinic.test", Now));
            await db.SaveChangesAsync();
        });

    private async Task<List<Room>> AddRoomsAsync(int count) =>
        await App.WithDbAsync(async db =>
        {
            var rooms = Enumerable.Range(0, count).Select(_ => TestData.Room(Now)).ToList();
            db.Rooms.AddRange(rooms);
            await db.SaveChangesAsync();
            return rooms;
        });

    private async Task<Room> AddRoomAsync() => (await AddRoomsAsync(1))[0];

    private async Task<Referral> AddReferralAsync(string doctorUserId) =>
        await App.WithDbAsync(async db =>
        {
            var referral = TestData.ReadyReferral(doctorUserId, Now);
            db.Referrals.Add(referral);
            await db.SaveChangesAsync();
            return referral;
        });

    private async Task<(TestData.Scenario Scenario, Slot Slot)> ScenarioWithSlotAsync(int referrals, DateOnly date, TimeOnly start, Room? room = null)
    {
        var scenario = await App.WithDbAsync(db => TestData.SeedAsync(db, Now, referrals));
        return (scenario, await AddSlotAsync(room ?? scenario.Room, date, start));
    }

    private async Task<Slot> AddSlotAsync(Room room, DateOnly date, TimeOnly start)
    {
        var slot = TestData.Slot(room, ClinicTime, date, start, Now);
        await App.WithDbAsync(async db =>
        {
            db.Slots.Add(slot);
            await db.SaveChangesAsync();
        });
        return slot;
    }

    private async Task<IReadOnlyList<TResult>> RaceAsync<TResult>(IReadOnlyList<ICommand<TResult>> commands)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = commands.Select(async command =>
        {
            await using var scope = App.Services.CreateAsyncScope();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            await gate.Task;
            return await Task.Run(async () => await mediator.Send(command, TestContext.Current.CancellationToken));
        }).ToList();
        gate.SetResult();
        return await Task.WhenAll(tasks);
    }

    /// <summary>No resource holds more claims in a unit than it has places, read straight from the table.</summary>
    private async Task AssertNoUnitOverfullAsync()
    {
        var overfull = await App.WithDbAsync(db => (
                from c in db.ResourceClaims
                join r in db.Resources on c.ResourceId equals r.Id
                group new { c, r } by new { c.ResourceId, c.Unit, r.Capacity } into g
                where g.Count() > g.Key.Capacity
                select g.Key.ResourceId)
            .CountAsync());
        Assert.Equal(0, overfull);
    }

    private Task<(int Bookings, int Claims, int Events, int Outbox, int Audit)> CountsAsync() =>
        App.WithDbAsync(async db => (
            await db.Bookings.CountAsync(),
            await db.ResourceClaims.CountAsync(),
            await db.ReferralEvents.CountAsync(),
            await db.OutboxMessages.CountAsync(),
            await db.AuditEntries.CountAsync()));

    private Task<List<ResourceClaim>> ClaimsOfAsync(Guid bookingId) =>
        App.WithDbAsync(db => db.ResourceClaims.AsNoTracking().Where(c => c.BookingId == bookingId).ToListAsync());

    private Task<Booking> BookingAsync(Guid id) => App.WithDbAsync(db => db.Bookings.AsNoTracking().SingleAsync(b => b.Id == id));

    private Task<List<string>> OutboxKindsAsync(Guid bookingId) =>
        App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.SubjectId == bookingId).Select(m => m.Kind).ToListAsync());

    private static string Describe(Error? error) => error is null
        ? "no error"
        : $"{error.Kind}: {error.Message} [{string.Join("; ", error.FieldErrors.Select(f => $"{f.Key}: {string.Join(", ", f.Value)}"))}]";
}
