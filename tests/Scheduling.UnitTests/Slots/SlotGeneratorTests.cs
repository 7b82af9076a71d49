using Microsoft.Extensions.Time.Testing;

using Scheduling.Domain.Slots;

using static Scheduling.UnitTests.Slots.SlotTestData;

namespace Scheduling.UnitTests.Slots;

public class SlotGeneratorTests
{
    private static readonly Guid RoomA = new("aaaaaaaa-0000-0000-0000-000000000001");
    private static readonly Guid RoomB = new("bbbbbbbb-0000-0000-0000-000000000002");
    private static readonly ClosureWindow[] NoClosures = [];

    private static readonly DateOnly Monday = new(2026, 3, 2);
    private static readonly DateOnly Friday = new(2026, 3, 6);

    private static RoomSchedule WeekendAndMondayRoom(Guid id) =>
        Room(id, DesignTemplate(DayOfWeek.Saturday), DesignTemplate(DayOfWeek.Sunday), DesignTemplate(DayOfWeek.Monday));

    [Fact]
    public void Generate_ForOneWeekday_GivesTheDesignSlotsWithUtcTimesAndProcedureEnd()
    {
        var slots = SlotGenerator.Generate([WeekdayRoom(RoomA)], NoClosures, Monday, Monday, NewYork);

        Assert.Equal(Times("07:30", "09:30", "11:30", "13:30"), slots.Select(s => s.LocalStart));
        Assert.All(slots, s => Assert.Equal(SlotPolicy.ProcedureLength, s.EndUtc - s.StartUtc));
        Assert.All(slots, s => Assert.Equal(DateTimeKind.Utc, s.StartUtc.Kind));
        Assert.Equal(new SlotCandidate(RoomA, Monday, new TimeOnly(7, 30), Utc(2026, 3, 2, 12, 30), Utc(2026, 3, 2, 14, 0)), slots[0]);
    }

    [Fact]
    public void Generate_WeekdaysWithoutATemplate_HaveNoSlots()
    {
        var saturday = new DateOnly(2026, 3, 7);
        var sunday = new DateOnly(2026, 3, 8);

        Assert.Empty(SlotGenerator.Generate([WeekdayRoom(RoomA)], NoClosures, saturday, sunday, NewYork));
    }

    [Fact]
    public void Generate_AcrossSpringForward_KeepsWallClockTimesAndShiftsUtcByAnHour()
    {
        var slots = SlotGenerator.Generate(
            [WeekendAndMondayRoom(RoomA)], NoClosures, new DateOnly(2026, 3, 7), new DateOnly(2026, 3, 9), NewYork);

        foreach (var day in slots.GroupBy(s => s.LocalDate))
        {
            Assert.Equal(Times("07:30", "09:30", "11:30", "13:30"), day.Select(s => s.LocalStart));
        }
        Assert.Equal(12, slots.Count);
        Assert.Equal(Utc(2026, 3, 7, 12, 30), slots.First(s => s.LocalDate == new DateOnly(2026, 3, 7)).StartUtc); // EST
        Assert.Equal(Utc(2026, 3, 8, 11, 30), slots.First(s => s.LocalDate == new DateOnly(2026, 3, 8)).StartUtc); // EDT
        Assert.Equal(Utc(2026, 3, 9, 11, 30), slots.First(s => s.LocalDate == new DateOnly(2026, 3, 9)).StartUtc); // EDT
    }

    [Fact]
    public void Generate_AcrossFallBack_KeepsWallClockTimesAndShiftsUtcByAnHour()
    {
        var slots = SlotGenerator.Generate(
            [WeekendAndMondayRoom(RoomA)], NoClosures, new DateOnly(2026, 10, 31), new DateOnly(2026, 11, 2), NewYork);

        foreach (var day in slots.GroupBy(s => s.LocalDate))
        {
            Assert.Equal(Times("07:30", "09:30", "11:30", "13:30"), day.Select(s => s.LocalStart));
        }
        Assert.Equal(12, slots.Count);
        Assert.Equal(Utc(2026, 10, 31, 11, 30), slots.First(s => s.LocalDate == new DateOnly(2026, 10, 31)).StartUtc); // EDT
        Assert.Equal(Utc(2026, 11, 1, 12, 30), slots.First(s => s.LocalDate == new DateOnly(2026, 11, 1)).StartUtc);   // EST
        Assert.Equal(Utc(2026, 11, 2, 12, 30), slots.First(s => s.LocalDate == new DateOnly(2026, 11, 2)).StartUtc);   // EST
    }

    [Fact]
    public void Generate_WalkingAFakeClockAcrossSpringForward_GivesTodaysSlotsAtTheSameWallClock()
    {
        // Friday 6 March 2026, 06:00 EST.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 6, 11, 0, 0, TimeSpan.Zero));
        var room = Room(RoomA, [.. Enum.GetValues<DayOfWeek>().Select(DesignTemplate)]);
        var firstStartsUtc = new List<DateTime>();

        for (var day = 0; day < 4; day++)
        {
            var today = NewYork.Today(time);
            var slots = SlotGenerator.Generate([room], NoClosures, today, today, NewYork);

            Assert.Equal(Times("07:30", "09:30", "11:30", "13:30"), slots.Select(s => s.LocalStart));
            Assert.All(slots, s => Assert.Equal(today, NewYork.LocalDate(s.StartUtc)));
            firstStartsUtc.Add(slots[0].StartUtc);
            time.Advance(TimeSpan.FromDays(1));
        }

        Assert.Equal(
            [Utc(2026, 3, 6, 12, 30), Utc(2026, 3, 7, 12, 30), Utc(2026, 3, 8, 11, 30), Utc(2026, 3, 9, 11, 30)],
            firstStartsUtc);
    }

    [Fact]
    public void Generate_AStartInsideTheSpringForwardGap_IsSkippedNotShiftedOrDuplicated()
    {
        // 00:30, 02:30, 04:30, 06:30 on an ordinary Sunday; 02:30 does not exist on 8 March 2026.
        var nightTemplate = new DayTemplate(DayOfWeek.Sunday, new TimeOnly(0, 30), 30, TimeSpan.Zero, new TimeOnly(8, 0));
        var room = Room(RoomA, nightTemplate);

        var ordinary = SlotGenerator.Generate([room], NoClosures, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 1), NewYork);
        var changeDay = SlotGenerator.Generate([room], NoClosures, new DateOnly(2026, 3, 8), new DateOnly(2026, 3, 8), NewYork);

        Assert.Equal(Times("00:30", "02:30", "04:30", "06:30"), ordinary.Select(s => s.LocalStart));
        Assert.Equal(Times("00:30", "04:30", "06:30"), changeDay.Select(s => s.LocalStart));
        Assert.Equal(
            [Utc(2026, 3, 8, 5, 30), Utc(2026, 3, 8, 8, 30), Utc(2026, 3, 8, 10, 30)],
            changeDay.Select(s => s.StartUtc));
    }

    [Fact]
    public void Generate_AnAmbiguousFallBackStart_GivesASingleSlotAtTheFirstOccurrence()
    {
        var template = new DayTemplate(DayOfWeek.Sunday, new TimeOnly(1, 30), 30, TimeSpan.Zero, new TimeOnly(3, 0));

        var slots = SlotGenerator.Generate([Room(RoomA, template)], NoClosures, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1), NewYork);

        var slot = Assert.Single(slots);
        Assert.Equal(new TimeOnly(1, 30), slot.LocalStart);
        Assert.Equal(Utc(2026, 11, 1, 5, 30), slot.StartUtc);
    }

    [Fact]
    public void Generate_AStartThatWouldOverlapThePreviousCaseAfterSpringForward_IsSkipped()
    {
        // 01:00 EST ends 02:30 EST (07:30Z); with turnover the room is free at 08:00Z = 04:00 EDT,
        // so the 03:00 EDT (07:00Z) wall-clock start cannot happen that day.
        var template = new DayTemplate(DayOfWeek.Sunday, new TimeOnly(1, 0), 30, TimeSpan.Zero, new TimeOnly(6, 0));
        var room = Room(RoomA, template);

        var ordinary = SlotGenerator.Generate([room], NoClosures, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 1), NewYork);
        var changeDay = SlotGenerator.Generate([room], NoClosures, new DateOnly(2026, 3, 8), new DateOnly(2026, 3, 8), NewYork);

        Assert.Equal(Times("01:00", "03:00"), ordinary.Select(s => s.LocalStart));
        Assert.Equal(Times("01:00"), changeDay.Select(s => s.LocalStart));
    }

    [Fact]
    public void Generate_OnSpringForward_ChecksSameDayDischargeInRealElapsedTime()
    {
        // On the wall clock 00:30 + 1:30 + 4:00 = 06:00 fits; in real time recovery ends 07:00 EDT.
        var template = new DayTemplate(DayOfWeek.Sunday, new TimeOnly(0, 30), 30, TimeSpan.FromHours(4), new TimeOnly(6, 0));
        var room = Room(RoomA, template);

        Assert.Single(SlotGenerator.Generate([room], NoClosures, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 1), NewYork));
        Assert.Empty(SlotGenerator.Generate([room], NoClosures, new DateOnly(2026, 3, 8), new DateOnly(2026, 3, 8), NewYork));
    }

    [Fact]
    public void Generate_AWholeClinicClosure_RemovesEveryRoomOnThoseDaysInclusive()
    {
        var closure = new ClosureWindow(null, new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 5), "Staff training");

        var result = SlotGenerator.GenerateWithClosures([WeekdayRoom(RoomA), WeekdayRoom(RoomB)], [closure], Monday, Friday, NewYork);

        Assert.Equal([Monday, Friday], result.Open.Select(s => s.LocalDate).Distinct());
        Assert.Equal([new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 4), new DateOnly(2026, 3, 5)], result.Closed.Select(s => s.LocalDate).Distinct());
        Assert.Equal(2 * 3 * 4, result.Closed.Count);
    }

    [Fact]
    public void Generate_AOneRoomClosure_LeavesOtherRoomsUnaffected()
    {
        var maintenance = new ClosureWindow(RoomA, new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 3), "C-arm service");

        var result = SlotGenerator.GenerateWithClosures([WeekdayRoom(RoomA), WeekdayRoom(RoomB)], [maintenance], Monday, Friday, NewYork);

        Assert.Equal(4 * 4, result.Open.Count(s => s.RoomId == RoomA));
        Assert.Equal(5 * 4, result.Open.Count(s => s.RoomId == RoomB));
        Assert.All(result.Closed, s => Assert.Equal((RoomA, new DateOnly(2026, 3, 3)), (s.RoomId, s.LocalDate)));
        Assert.Equal(4, result.Closed.Count);
        Assert.Equal(result.Open, SlotGenerator.Generate([WeekdayRoom(RoomA), WeekdayRoom(RoomB)], [maintenance], Monday, Friday, NewYork));
    }

    [Fact]
    public void Covers_IsInclusiveAtBothEndsAndOnlyForItsRoom()
    {
        var closure = new ClosureWindow(RoomA, new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 26), "Holiday");

        Assert.False(closure.Covers(RoomA, new DateOnly(2026, 12, 23)));
        Assert.True(closure.Covers(RoomA, new DateOnly(2026, 12, 24)));
        Assert.True(closure.Covers(RoomA, new DateOnly(2026, 12, 26)));
        Assert.False(closure.Covers(RoomA, new DateOnly(2026, 12, 27)));
        Assert.False(closure.Covers(RoomB, new DateOnly(2026, 12, 25)));
        Assert.True(SlotGenerator.IsClosed([closure], RoomA, new DateOnly(2026, 12, 25)));
    }

    [Fact]
    public void ClosureValidate_RejectsAnEndBeforeTheStartAndABlankReason()
    {
        var closure = new ClosureWindow(null, new DateOnly(2026, 12, 26), new DateOnly(2026, 12, 24), " ");

        Assert.Equal(2, closure.Validate().Count);
    }

    [Fact]
    public void Generate_RunTwiceOrWithRoomsInAnotherOrder_GivesIdenticalOrderedResults()
    {
        var closures = new[] { new ClosureWindow(RoomB, Friday, Friday, "Physician away") };

        var first = SlotGenerator.Generate([WeekdayRoom(RoomA), WeekdayRoom(RoomB)], closures, Monday, Friday, NewYork);
        var second = SlotGenerator.Generate([WeekdayRoom(RoomB), WeekdayRoom(RoomA)], closures, Monday, Friday, NewYork);

        Assert.Equal(first, second);
        Assert.Equal(first.OrderBy(s => s.StartUtc).ThenBy(s => s.RoomId), first);
        Assert.Equal(first.Count, first.Select(s => (s.RoomId, s.StartUtc)).Distinct().Count());
    }

    [Fact]
    public void Generate_AnInactiveRoom_ProducesNothingOpenOrClosed()
    {
        var inactive = WeekdayRoom(RoomA) with { IsActive = false };
        var closure = new ClosureWindow(null, Monday, Monday, "Holiday");

        var result = SlotGenerator.GenerateWithClosures([inactive], [closure], Monday, Friday, NewYork);

        Assert.Empty(result.Open);
        Assert.Empty(result.Closed);
    }

    [Fact]
    public void Generate_OverThePolicyHorizon_IncludesBothFirstAndLastDay()
    {
        var policy = new SlotPolicy();
        var lastDay = policy.HorizonLastLocalDate(Monday);

        var slots = SlotGenerator.Generate([WeekdayRoom(RoomA)], NoClosures, Monday, lastDay, NewYork);

        Assert.Equal(Monday, slots[0].LocalDate);
        Assert.Equal(lastDay, slots[^1].LocalDate);
        Assert.Equal((16 * 5 + 1) * 4, slots.Count);
    }

    [Fact]
    public void Generate_ARangeEndingBeforeItStarts_IsABug()
    {
        Assert.Throws<ArgumentException>(() => SlotGenerator.Generate([WeekdayRoom(RoomA)], NoClosures, Friday, Monday, NewYork));
    }

    [Fact]
    public void Generate_TwoTemplatesForTheSameWeekday_IsABug()
    {
        var room = Room(RoomA, DesignTemplate(DayOfWeek.Monday), DesignTemplate(DayOfWeek.Monday));

        Assert.Throws<InvalidOperationException>(() => SlotGenerator.Generate([room], NoClosures, Monday, Monday, NewYork));
    }
}
