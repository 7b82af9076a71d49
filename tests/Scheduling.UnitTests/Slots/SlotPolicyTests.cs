using Microsoft.Extensions.Time.Testing;

using Scheduling.Domain.Slots;

using static Scheduling.UnitTests.Slots.SlotTestData;

namespace Scheduling.UnitTests.Slots;

public class SlotPolicyTests
{
    [Fact]
    public void Defaults_MatchTheDesign()
    {
        var policy = new SlotPolicy();

        Assert.Equal(TimeSpan.FromMinutes(90), SlotPolicy.ProcedureLength);
        Assert.Equal(30, policy.DefaultTurnoverMinutes);
        Assert.Equal(TimeSpan.FromHours(4), policy.DefaultRecovery);
        Assert.Equal(112, policy.HorizonDays);
        Assert.Equal(1, policy.MinimumLeadBusinessDays);
        Assert.Empty(policy.Validate());
    }

    [Fact]
    public void NewTemplate_IsPrefilledWithTheClinicsDefaults()
    {
        var policy = new SlotPolicy { DefaultTurnoverMinutes = 45, DefaultRecovery = TimeSpan.FromHours(3) };

        var template = policy.NewTemplate(DayOfWeek.Tuesday, new TimeOnly(8, 0), new TimeOnly(18, 0));

        Assert.Equal(new DayTemplate(DayOfWeek.Tuesday, new TimeOnly(8, 0), 45, TimeSpan.FromHours(3), new TimeOnly(18, 0)), template);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(SlotPolicy.MaxHorizonDays + 1)]
    public void Validate_AnOutOfRangeHorizon_IsAProblem(int horizonDays)
    {
        var policy = new SlotPolicy { HorizonDays = horizonDays };

        Assert.Contains(policy.Validate(), p => p.Contains(nameof(SlotPolicy.HorizonDays), StringComparison.Ordinal));
    }

    [Fact]
    public void HorizonLastLocalDate_IsTheSameWeekdaySixteenWeeksOut()
    {
        var monday = new DateOnly(2026, 3, 2);

        Assert.Equal(new DateOnly(2026, 6, 22), new SlotPolicy().HorizonLastLocalDate(monday));
    }

    [Theory]
    [InlineData("2026-03-06", "2026-03-09")] // Friday -> Monday
    [InlineData("2026-03-07", "2026-03-09")] // Saturday -> Monday
    [InlineData("2026-03-08", "2026-03-09")] // Sunday -> Monday
    [InlineData("2026-03-09", "2026-03-10")] // Monday -> Tuesday
    [InlineData("2026-03-12", "2026-03-13")] // Thursday -> Friday
    public void EarliestBookableLocalDate_IsTheNextBusinessDay(string today, string expected)
    {
        var earliest = new SlotPolicy().EarliestBookableLocalDate(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), earliest);
    }

    [Fact]
    public void EarliestBookableLocalDate_WithTwoLeadBusinessDays_SkipsTheWeekendOnce()
    {
        var policy = new SlotPolicy { MinimumLeadBusinessDays = 2 };

        Assert.Equal(new DateOnly(2026, 3, 10), policy.EarliestBookableLocalDate(new DateOnly(2026, 3, 6)));
    }

    [Fact]
    public void IsBookable_OnFridayEveningInNewYork_UsesTheClinicDateNotTheUtcDate()
    {
        // 22:00 EST on Friday 6 March is already Saturday 03:00 UTC.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 7, 3, 0, 0, TimeSpan.Zero));
        var now = time.GetUtcNow().UtcDateTime;
        var policy = new SlotPolicy();

        Assert.Equal(new DateOnly(2026, 3, 6), NewYork.Today(time));
        Assert.False(policy.IsBookable(Utc(2026, 3, 7, 12, 30), now, NewYork)); // Saturday
        Assert.True(policy.IsBookable(Utc(2026, 3, 9, 11, 30), now, NewYork));  // Monday 07:30 EDT
    }

    [Fact]
    public void IsBookable_OnMonday_RejectsTodayAndAcceptsTuesdayMorning()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 9, 13, 0, 0, TimeSpan.Zero));
        var now = time.GetUtcNow().UtcDateTime;
        var policy = new SlotPolicy();

        Assert.False(policy.IsBookable(Utc(2026, 3, 9, 17, 30), now, NewYork));  // Monday 13:30, later today
        Assert.True(policy.IsBookable(Utc(2026, 3, 10, 11, 30), now, NewYork));  // Tuesday 07:30
    }
}
