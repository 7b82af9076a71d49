using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Availability;
using Scheduling.Application.Features.Closures;
using Scheduling.Application.Features.Rooms;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Referrals;
using Scheduling.Domain.Slots;
using Scheduling.Infrastructure.Identity;
using Scheduling.TestSupport.Databases;

namespace Scheduling.TestSupport.Contracts;

/// <summary>
/// Slot materialization, templates, closures and the scheduler's slot queries on a real database.
/// The test clock starts on Monday 2 March 2026, 03:00 in New York (the default clinic zone); each
/// test works in rooms of its own, so facts are stated per room.
/// </summary>
public abstract class SlotsContract(DatabaseFixture fixture) : AppContract(fixture)
{
    private static readonly DateOnly Today = new(2026, 3, 2);
    private static readonly TimeOnly[] DesignStarts = [new(7, 30), new(9, 30), new(11, 30), new(13, 30)];
    private static readonly DayOfWeek[] Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private ClinicTime Clinic => (ClinicTime)App.Services.GetService(typeof(ClinicTime))!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        App.User.SignInAs("user-admin-1", "admin@clinic.test", Application.Common.Security.Roles.Admin);
    }

    [Fact]
    public async Task SavingAWeekdayTemplate_CreatesTheDesignSlotsOnEveryWeekdayUpToTheHorizon()
    {
        var room = await AddRoomAsync();

        var result = await SaveTemplateAsync(room, Weekdays);

        Assert.True(result.IsSuccess, Describe(result.Error));
        var slots = await SlotsOfAsync(room);
        var horizonEnd = Today.AddDays(SlotPolicy.DefaultHorizonDaysValue);
        var expectedDays = DatesBetween(Today, horizonEnd).Where(d => Weekdays.Contains(d.DayOfWeek)).ToList();
        Assert.Equal(expectedDays.Count * DesignStarts.Length, slots.Count);
        Assert.Equal(expectedDays, slots.Select(s => s.LocalDate).Distinct().Order().ToList());
        Assert.All(slots.GroupBy(s => s.LocalDate), day =>
            Assert.Equal(DesignStarts, day.Select(s => TimeOnly.FromDateTime(Clinic.ToLocal(s.StartUtc))).Order().ToArray()));
        Assert.All(slots, s => Assert.Equal(s.StartUtc + SlotPolicy.ProcedureLength, s.EndUtc));
        Assert.All(slots, s => Assert.False(s.IsWithdrawn));
    }

    [Fact]
    public async Task MaterializingTwice_CreatesNothingNew()
    {
        var room = await AddRoomWithWeekdayTemplateAsync();
        var before = await SlotsOfAsync(room);

        var first = await App.SendAsync(new MaterializeSlots.Command("test"));
        var second = await App.SendAsync(new MaterializeSlots.Command("test"));

        Assert.True(first.IsSuccess && second.IsSuccess);
        Assert.False(second.Value.ChangedAnything, $"Second run changed: {second.Value}");
        var after = await SlotsOfAsync(room);
        Assert.Equal(before.Select(s => (s.Id, s.StartUtc)).Order(), after.Select(s => (s.Id, s.StartUtc)).Order());
    }

    [Fact]
    public async Task Materializing_WritesOneSummaryAuditLinePerRunAndNoLinePerSlot()
    {
        var room = await AddRoomAsync();
        var auditBefore = await App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(Slot)));

        await SaveTemplateAsync(room, Weekdays);

        var lines = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(Slot)).OrderBy(e => e.Id).Skip(auditBefore).ToListAsync());
        var line = Assert.Single(lines);
        Assert.Equal("SlotsMaterialized", line.Action);
        Assert.Equal(room.ToString(), line.EntityId); // a one-room run names its room
        Assert.Equal("user-admin-1", line.UserId);
        Assert.Contains("room template saved", line.Details, StringComparison.Ordinal);
        Assert.Contains("created ", line.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaterializingOnTheNextDay_AddsExactlyTheNewHorizonDay()
    {
        var room = await AddRoomWithWeekdayTemplateAsync();
        var lastBefore = (await SlotsOfAsync(room)).Max(s => s.LocalDate);
        Assert.Equal(Today.AddDays(SlotPolicy.DefaultHorizonDaysValue), lastBefore);

        App.Clock.Advance(TimeSpan.FromDays(1));
        await App.SendAsync(new MaterializeSlots.Command("test"));

        var slots = await SlotsOfAsync(room);
        var newDay = lastBefore.AddDays(1);
        Assert.Equal(DayOfWeek.Tuesday, newDay.DayOfWeek);
        Assert.Equal(DesignStarts.Length, slots.Count(s => s.LocalDate == newDay));
        Assert.DoesNotContain(slots, s => s.LocalDate > newDay);
    }

    [Fact]
    public async Task ClosureOverFreeSlots_RemovesThem_AndRemovingTheClosureRestoresThem()
    {
        var room = await AddRoomWithWeekdayTemplateAsync();
        var closedDays = new[] { new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 11) };

        var added = await App.SendAsync(new AddClosure.Command(room, closedDays[0], closedDays[1], "Angiography unit maintenance"));

        Assert.True(added.IsSuccess, Describe(added.Error));
        var slots = await SlotsOfAsync(room);
        Assert.DoesNotContain(slots, s => closedDays.Contains(s.LocalDate));
        Assert.Equal(DesignStarts.Length, slots.Count(s => s.LocalDate == new DateOnly(2026, 3, 12)));

        var removed = await App.SendAsync(new RemoveClosure.Command(added.Value));

        Assert.True(removed.IsSuccess, Describe(removed.Error));
        var reopened = await SlotsOfAsync(room);
        Assert.All(closedDays, d => Assert.Equal(DesignStarts.Length, reopened.Count(s => s.LocalDate == d)));
    }

    [Fact]
    public async Task ChangingOneRoom_LeavesEveryOtherRoomsSlotsUntouched()
    {
        var changed = await AddRoomWithWeekdayTemplateAsync();
        var other = await AddRoomWithWeekdayTemplateAsync();
        var before = (await SlotsOfAsync(other)).Select(s => (s.Id, s.Version)).ToList();
        var day = new DateOnly(2026, 3, 24);

        var saved = await SaveTemplateAsync(changed, Weekdays, firstStart: new TimeOnly(8, 0));
        var closed = await App.SendAsync(new AddClosure.Command(changed, day, day, "Injector service visit"));

        Assert.True(saved.IsSuccess, Describe(saved.Error));
        Assert.True(closed.IsSuccess, Describe(closed.Error));
        Assert.Equal(before, (await SlotsOfAsync(other)).Select(s => (s.Id, s.Version)).ToList());
        Assert.DoesNotContain(await SlotsOfAsync(changed), s => s.LocalDate == day);
        await App.SendAsync(new RemoveClosure.Command(closed.Value));
    }

    [Fact]
    public async Task WholeClinicClosure_RemovesSlotsOfEveryRoomOnThatDay()
    {
        var first = await AddRoomWithWeekdayTemplateAsync();
        var second = await AddRoomWithWeekdayTemplateAsync();
        var holiday = new DateOnly(2026, 5, 25);

        var added = await App.SendAsync(new AddClosure.Command(null, holiday, holiday, "Memorial Day"));

        Assert.True(added.IsSuccess, Describe(added.Error));
        Assert.DoesNotContain(await SlotsOfAsync(first), s => s.LocalDate == holiday);
        Assert.DoesNotContain(await SlotsOfAsync(second), s => s.LocalDate == holiday);
        await App.SendAsync(new RemoveClosure.Command(added.Value));
    }

    [Fact]
    public async Task ClosureOverABookedSlot_KeepsTheBooking_WithdrawsTheSlot_AndListsTheBooking()
    {
        var room = await AddRoomWithWeekdayTemplateAsync();
        var day = new DateOnly(2026, 3, 18);
        var slot = (await SlotsOfAsync(room)).Single(s => s.LocalDate == day && Local(s) == new TimeOnly(9, 30));
        var bookingId = await BookAsync(slot.Id, "Jane", "Doe");

        var added = await App.SendAsync(new AddClosure.Command(room, day, day, "Physician away"));

        Assert.True(added.IsSuccess, Describe(added.Error));
        var booking = await App.WithDbAsync(db => db.Bookings.AsNoTracking().SingleAsync(b => b.Id == bookingId));
        Assert.Equal(BookingStatus.PendingConfirmation, booking.Status);
        Assert.Equal(slot.Id, booking.SlotId);
        var onDay = (await SlotsOfAsync(room)).Where(s => s.LocalDate == day).ToList();
        var kept = Assert.Single(onDay);
        Assert.Equal(slot.Id, kept.Id);
        Assert.True(kept.IsWithdrawn);

        var closure = await App.SendAsync(new GetClosure.Query(added.Value));
        var listed = Assert.Single(closure.Value.AffectedBookings);
        Assert.Equal(bookingId, listed.BookingId);
        Assert.Equal("JD", listed.PatientInitials);
        Assert.Equal("9:30 AM EDT", listed.LocalTime);
        Assert.Equal("Closed: Physician away", listed.Why);
        var all = await App.SendAsync(new ListBookingsAffectedByClosures.Query());
        Assert.Contains(all.Value, r => r.BookingId == bookingId);

        var week = await App.SendAsync(new GetWeekCalendar.Query(day));
        var cell = week.Value.Rooms.Single(r => r.RoomId == room).Days.Single(d => d.Date == day);
        Assert.Equal("Physician away", cell.ClosedReason);
        var shown = Assert.Single(cell.Slots);
        Assert.Equal(GetWeekCalendar.SlotState.MustBeMoved, shown.State);
        Assert.Equal("JD", shown.PatientInitials);

        // Withdrawing is a decision about one appointment, so unlike bulk inserts it is audited per slot,
        // on a line of its own beside the one for the booking taking the slot (its token changed).
        var slotLines = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(Slot) && e.EntityId == slot.Id.ToString()).ToListAsync());
        var withdrawal = Assert.Single(slotLines, l => l.Details?.Contains(nameof(Slot.IsWithdrawn), StringComparison.Ordinal) == true);
        Assert.Equal("Updated", withdrawal.Action);
        Assert.All(slotLines, l => Assert.Equal("Updated", l.Action));

        await App.SendAsync(new RemoveClosure.Command(added.Value));
        var restored = await App.WithDbAsync(db => db.Slots.AsNoTracking().SingleAsync(s => s.Id == slot.Id));
        Assert.False(restored.IsWithdrawn);
        Assert.Equal(DesignStarts.Length, (await SlotsOfAsync(room)).Count(s => s.LocalDate == day));
        Assert.DoesNotContain((await App.SendAsync(new ListBookingsAffectedByClosures.Query())).Value, r => r.BookingId == bookingId);
    }

    [Fact]
    public async Task ChangingATemplate_ReplacesFreeSlots_AndWithdrawsABookedSlotThatNoLongerFits()
    {
        var room = await AddRoomWithWeekdayTemplateAsync();
        var monday = new DateOnly(2026, 3, 9);
        var booked = (await SlotsOfAsync(room)).Single(s => s.LocalDate == monday && Local(s) == new TimeOnly(13, 30));
        var bookingId = await BookAsync(booked.Id, "Ann", "Lee");

        var result = await SaveTemplateAsync(room, Weekdays, firstStart: new TimeOnly(8, 0));

        Assert.True(result.IsSuccess, Describe(result.Error));
        var onMonday = (await SlotsOfAsync(room)).Where(s => s.LocalDate == monday).ToList();
        Assert.Equal(
            [new(8, 0), new(10, 0), new(12, 0), new(13, 30)],
            onMonday.Select(Local).Order().ToArray());
        Assert.True(onMonday.Single(s => s.Id == booked.Id).IsWithdrawn);
        Assert.All(onMonday.Where(s => s.Id != booked.Id), s => Assert.False(s.IsWithdrawn));
        var listed = (await App.SendAsync(new ListBookingsAffectedByClosures.Query())).Value.Single(r => r.BookingId == bookingId);
        Assert.Equal("No longer in the room's template", listed.Why);
    }

    [Fact]
    public async Task DeactivatingARoom_RemovesItsFreeFutureSlots_WithdrawsBookedOnes_AndReactivatingRestores()
    {
        var room = await AddRoomWithWeekdayTemplateAsync();
        var count = (await SlotsOfAsync(room)).Count;
        var booked = (await SlotsOfAsync(room)).First(s => s.LocalDate == new DateOnly(2026, 3, 20));
        await BookAsync(booked.Id, "Bo", "Park");

        await App.SendAsync(new SetRoomActive.Command(room, Active: false));

        var remaining = await SlotsOfAsync(room);
        var only = Assert.Single(remaining);
        Assert.Equal(booked.Id, only.Id);
        Assert.True(only.IsWithdrawn);

        await App.SendAsync(new SetRoomActive.Command(room, Active: true));

        var back = await SlotsOfAsync(room);
        Assert.Equal(count, back.Count);
        Assert.All(back, s => Assert.False(s.IsWithdrawn));
    }

    [Fact]
    public async Task SpringForward_2026_03_08_SlotsKeepTheirWallClockTimes_WalkingDayByDay()
    {
        var room = await AddRoomAsync();
        App.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 6, 12, 0, 0, TimeSpan.Zero));
        await SaveTemplateAsync(room, Enum.GetValues<DayOfWeek>());

        await WalkDaysAsync(room, days: 5);

        await AssertSameWallClockAsync(room, new DateOnly(2026, 3, 7), "EST", new DateOnly(2026, 3, 8), "EDT");
    }

    [Fact]
    public async Task FallBack_2026_11_01_SlotsKeepTheirWallClockTimes_WalkingDayByDay()
    {
        var room = await AddRoomAsync();
        App.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 30, 12, 0, 0, TimeSpan.Zero));
        await SaveTemplateAsync(room, Enum.GetValues<DayOfWeek>());

        await WalkDaysAsync(room, days: 5);

        await AssertSameWallClockAsync(room, new DateOnly(2026, 10, 31), "EDT", new DateOnly(2026, 11, 1), "EST");
    }

    [Fact]
    public async Task NextAvailable_ReturnsTheFirstFreeSlotsInOrder_SkippingBookedAndWithdrawnOnes()
    {
        var room = await AddRoomWithWeekdayTemplateAsync();
        var from = new DateOnly(2026, 4, 6);
        var slots = (await SlotsOfAsync(room)).Where(s => s.LocalDate >= from).OrderBy(s => s.StartUtc).ToList();
        await BookAsync(slots[0].Id, "Cy", "Ng");

        var result = await App.SendAsync(new FindNextAvailable.Query(from, room, 3));

        Assert.True(result.IsSuccess, Describe(result.Error));
        Assert.Equal(slots.Skip(1).Take(3).Select(s => s.Id), result.Value.Slots.Select(s => s.SlotId));
        Assert.Equal("9:30 AM EDT", result.Value.Slots[0].LocalTime);
    }

    [Fact]
    public async Task NextAvailable_AcrossAllRooms_NeverOffersAnInactiveRoomOrAPastSlot()
    {
        var active = await AddRoomWithWeekdayTemplateAsync();
        var inactive = await AddRoomWithWeekdayTemplateAsync();
        await App.SendAsync(new SetRoomActive.Command(inactive, Active: false));

        var result = await App.SendAsync(new FindNextAvailable.Query(Today, null, FindNextAvailable.MaxCount));

        Assert.Equal(FindNextAvailable.MaxCount, result.Value.Slots.Count);
        Assert.DoesNotContain(result.Value.Slots, s => s.RoomId == inactive);
        Assert.Contains(result.Value.Slots, s => s.RoomId == active);
        var starts = await App.WithDbAsync(db => db.Slots.AsNoTracking()
            .Where(s => result.Value.Slots.Select(r => r.SlotId).Contains(s.Id)).Select(s => s.StartUtc).ToListAsync());
        Assert.All(starts, s => Assert.True(s > App.Clock.GetUtcNow().UtcDateTime));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    public async Task NextAvailable_WithACountOutsideOneToFifty_ReturnsAFieldError(int count)
    {
        var result = await App.SendAsync(new FindNextAvailable.Query(null, null, count));

        Assert.Equal(ErrorKind.Validation, result.Error?.Kind);
        Assert.True(result.Error!.FieldErrors.ContainsKey(nameof(FindNextAvailable.Query.Count)));
    }

    [Fact]
    public async Task NextAvailable_AndTheBookingPagesList_OfferTheSameFirstFreeSlots_WithOneDefaultCountAndOneMaximum()
    {
        var room = await AddRoomWithWeekdayTemplateAsync();
        var from = new DateOnly(2026, 4, 6);

        var next = await App.SendAsync(new FindNextAvailable.Query(from, room));
        var offered = await App.SendAsync(new FindFreeSlots.Query(room, from));
        var tooMany = await App.SendAsync(new FindFreeSlots.Query(room, from, SlotAvailability.MaxCount + 1));

        Assert.True(next.IsSuccess, Describe(next.Error));
        Assert.True(offered.IsSuccess, Describe(offered.Error));
        Assert.Equal(SlotAvailability.DefaultCount, next.Value.Slots.Count);
        Assert.Equal(next.Value.Slots.Select(s => s.SlotId), offered.Value.Slots.Select(s => s.SlotId));
        Assert.Equal(ErrorKind.Validation, tooMany.Error?.Kind);
    }

    [Fact]
    public async Task SavingATemplateWhereNoSlotFits_ReturnsAFieldErrorOnUnitClosesAndWritesNothing()
    {
        var room = await AddRoomAsync();
        var before = await CountsAsync();

        var result = await App.SendAsync(new SaveRoomWeekTemplate.Command(room,
        [
            new(DayOfWeek.Monday, true, new TimeOnly(7, 30), 30, 4, new TimeOnly(19, 0)),
            new(DayOfWeek.Tuesday, true, new TimeOnly(14, 0), 30, 4, new TimeOnly(19, 0)),
        ]));

        Assert.Equal(ErrorKind.Validation, result.Error?.Kind);
        Assert.Contains("No slot fits", Assert.Single(result.Error!.FieldErrors["Days[1].UnitCloses"]), StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task SavingATemplateWithAMissingFirstStart_ReturnsAFieldErrorBesideItAndWritesNothing()
    {
        var room = await AddRoomAsync();
        var before = await CountsAsync();

        var result = await App.SendAsync(new SaveRoomWeekTemplate.Command(room,
            [new(DayOfWeek.Monday, true, null, 30, 4, new TimeOnly(19, 0))]));

        Assert.Equal("Enter the first start time.", Assert.Single(result.Error!.FieldErrors["Days[0].FirstStart"]));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task AddingAClosureThatEndsBeforeItStarts_ReturnsAFieldErrorOnToAndWritesNothing()
    {
        var room = await AddRoomWithWeekdayTemplateAsync();
        var before = await CountsAsync();

        var result = await App.SendAsync(new AddClosure.Command(room, new DateOnly(2026, 4, 10), new DateOnly(2026, 4, 9), "Maintenance"));

        Assert.Equal(ErrorKind.Validation, result.Error?.Kind);
        Assert.True(result.Error!.FieldErrors.ContainsKey(nameof(AddClosure.Command.To)));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task AddingAClosureWithoutAReason_ReturnsAFieldErrorOnReasonAndWritesNothing()
    {
        var before = await CountsAsync();

        var result = await App.SendAsync(new AddClosure.Command(null, new DateOnly(2026, 4, 10), new DateOnly(2026, 4, 10), "  "));

        Assert.True(result.Error!.FieldErrors.ContainsKey(nameof(AddClosure.Command.Reason)));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Database_RefusesASecondSlotForTheSameRoomAndStart_AsAUniqueViolation()
    {
        // What makes concurrent materialization runs safe: the second copy never reaches the table.
        var room = await AddRoomWithWeekdayTemplateAsync();
        var existing = (await SlotsOfAsync(room)).First();
        var candidate = new SlotCandidate(room, existing.LocalDate, Local(existing), existing.StartUtc, existing.EndUtc);

        var exception = await App.WithDbAsync(async db =>
        {
            db.Slots.Add(Slot.Create(candidate, App.Clock.GetUtcNow().UtcDateTime));
            return await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        });

        var errors = (Application.Common.Abstractions.IDatabaseErrors)App.Services.GetService(typeof(Application.Common.Abstractions.IDatabaseErrors))!;
        Assert.True(errors.IsUniqueViolation(exception), exception.InnerException?.Message);
    }

    [Fact]
    public async Task TwoMaterializationRunsAtOnce_BothSucceedAndLeaveOneSlotPerStart()
    {
        var room = await AddRoomAsync();
        await App.WithDbAsync(async db =>
        {
            // Template rows written without materializing, so both runs find the same slots missing.
            foreach (var weekday in Weekdays)
            {
                db.RoomDayTemplates.Add(RoomDayTemplate.Create(room, DesignTemplate(weekday), App.Clock.GetUtcNow().UtcDateTime));
            }

            await db.SaveChangesAsync();
        });

        var runs = await Task.WhenAll(
            Task.Run(() => App.SendAsync(new MaterializeSlots.Command("race a"))),
            Task.Run(() => App.SendAsync(new MaterializeSlots.Command("race b"))));

        Assert.All(runs, r => Assert.True(r.IsSuccess, Describe(r.Error)));
        var slots = await SlotsOfAsync(room);
        Assert.Equal(slots.Count, slots.Select(s => s.StartUtc).Distinct().Count());
        var weekdaysInHorizon = DatesBetween(Today, Today.AddDays(SlotPolicy.DefaultHorizonDaysValue)).Count(d => Weekdays.Contains(d.DayOfWeek));
        Assert.Equal(weekdaysInHorizon * DesignStarts.Length, slots.Count);
    }

    private async Task WalkDaysAsync(Guid room, int days)
    {
        for (var i = 0; i < days; i++)
        {
            var before = await SlotsOfAsync(room);
            App.Clock.Advance(TimeSpan.FromDays(1));
            var run = await App.SendAsync(new MaterializeSlots.Command("test"));
            Assert.True(run.IsSuccess, Describe(run.Error));
            var after = await SlotsOfAsync(room);

            // Each day adds only the new horizon day; no slot is re-created at a shifted time.
            var added = after.Where(s => before.All(b => b.Id != s.Id)).ToList();
            Assert.All(added, s => Assert.Equal(Clinic.Today(App.Clock).AddDays(SlotPolicy.DefaultHorizonDaysValue), s.LocalDate));
            Assert.Equal(after.Count, after.Select(s => s.StartUtc).Distinct().Count());
        }
    }

    private async Task AssertSameWallClockAsync(Guid room, DateOnly before, string zoneBefore, DateOnly changeDay, string zoneAfter)
    {
        var slots = await SlotsOfAsync(room);
        foreach (var day in new[] { before, changeDay, changeDay.AddDays(1) })
        {
            Assert.Equal(DesignStarts, slots.Where(s => s.LocalDate == day).Select(Local).Order().ToArray());
        }

        var earlier = slots.Single(s => s.LocalDate == before && Local(s) == new TimeOnly(7, 30));
        var later = slots.Single(s => s.LocalDate == changeDay && Local(s) == new TimeOnly(7, 30));
        Assert.NotEqual(TimeSpan.FromDays(1), later.StartUtc - earlier.StartUtc);
        Assert.Equal($"7:30 AM {zoneBefore}", ClinicTimeLabel.Time(Clinic, earlier.StartUtc));
        Assert.Equal($"7:30 AM {zoneAfter}", ClinicTimeLabel.Time(Clinic, later.StartUtc));
    }

    private TimeOnly Local(Slot slot) => TimeOnly.FromDateTime(Clinic.ToLocal(slot.StartUtc));

    private static DayTemplate DesignTemplate(DayOfWeek weekday) =>
        new(weekday, new TimeOnly(7, 30), 30, TimeSpan.FromHours(4), new TimeOnly(19, 0));

    private static IEnumerable<DateOnly> DatesBetween(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            yield return d;
        }
    }

    private async Task<Guid> AddRoomAsync()
    {
        var result = await App.SendAsync(new AddRoom.Command($"Room {Guid.NewGuid().ToString("N")[..10]}", "Floor 1"));
        Assert.True(result.IsSuccess, Describe(result.Error));
        return result.Value;
    }

    private async Task<Guid> AddRoomWithWeekdayTemplateAsync()
    {
        var room = await AddRoomAsync();
        var saved = await SaveTemplateAsync(room, Weekdays);
        Assert.True(saved.IsSuccess, Describe(saved.Error));
        return room;
    }

    private Task<Result<MaterializationSummary>> SaveTemplateAsync(Guid room, IEnumerable<DayOfWeek> open, TimeOnly? firstStart = null)
    {
        var openDays = open.ToHashSet();
        var days = Enum.GetValues<DayOfWeek>()
            .Select(d => new SaveRoomWeekTemplate.Day(d, openDays.Contains(d), firstStart ?? new TimeOnly(7, 30), 30, 4m, new TimeOnly(19, 0)))
            .ToList();
        return App.SendAsync(new SaveRoomWeekTemplate.Command(room, days));
    }

    private Task<List<Slot>> SlotsOfAsync(Guid room) =>
        App.WithDbAsync(db => db.Slots.AsNoTracking().Where(s => s.RoomId == room).OrderBy(s => s.StartUtc).ToListAsync());

    private Task<(int Slots, int Templates, int Closures)> CountsAsync() =>
        App.WithDbAsync(async db => (await db.Slots.CountAsync(), await db.RoomDayTemplates.CountAsync(), await db.Closures.CountAsync()));

    /// <summary>An active booking put straight into the database, as the booking use case would leave it.</summary>
    private Task<Guid> BookAsync(Guid slotId, string firstName, string lastName) => App.WithDbAsync(async db =>
    {
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var doctor = TestData.Doctor();
        db.Users.Add(doctor);
        var referral = Referral.CreateDraft(doctor.Id, TestData.ReferralDetails(lastName, firstName: firstName) with { PatientDateOfBirth = new DateOnly(1960, 1, 1) }, now);
        db.Referrals.Add(referral);
        var booking = Booking.Create(referral.Id, slotId, "scheduler@clinic.test", null, now);
        db.Bookings.Add(booking);
        await db.SaveChangesAsync();
        return booking.Id;
    });

    private static string Describe(Error? error) => error is null
        ? "no error"
        : $"{error.Kind}: {error.Message} [{string.Join("; ", error.FieldErrors.Select(f => $"{f.Key}: {string.Join(", ", f.Value)}"))}]";
}
