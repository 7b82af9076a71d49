using Microsoft.Extensions.Time.Testing;

using static Scheduling.UnitTests.Slots.SlotTestData;

namespace Scheduling.UnitTests.Slots;

public class ClinicTimeTests
{
    private static readonly DateOnly SpringForward = new(2026, 3, 8);
    private static readonly DateOnly FallBack = new(2026, 11, 1);

    [Fact]
    public void ToUtc_0730InWinter_Is1230Z()
    {
        Assert.Equal(Utc(2026, 3, 7, 12, 30), NewYork.ToUtc(new DateOnly(2026, 3, 7), new TimeOnly(7, 30)));
    }

    [Fact]
    public void ToUtc_0730InSummer_Is1130Z()
    {
        Assert.Equal(Utc(2026, 3, 9, 11, 30), NewYork.ToUtc(new DateOnly(2026, 3, 9), new TimeOnly(7, 30)));
    }

    [Fact]
    public void TryToUtc_ATimeInsideTheSpringForwardGap_DoesNotExist()
    {
        Assert.False(NewYork.TryToUtc(SpringForward, new TimeOnly(2, 30), out _));
        Assert.Throws<ArgumentException>(() => NewYork.ToUtc(SpringForward, new TimeOnly(2, 30)));
    }

    [Fact]
    public void ToUtc_AnAmbiguousFallBackTime_IsTheFirstDaylightOccurrence()
    {
        // 01:30 happens twice: 05:30Z (EDT) and 06:30Z (EST). The first one is meant.
        Assert.Equal(Utc(2026, 11, 1, 5, 30), NewYork.ToUtc(FallBack, new TimeOnly(1, 30)));
    }

    [Fact]
    public void ToUtcNotLaterThan_ATimeInsideTheGap_GivesTheEarlierReading()
    {
        // 02:30 read with the daylight offset (-4) is 06:30Z, an hour before the standard reading.
        Assert.Equal(Utc(2026, 3, 8, 6, 30), NewYork.ToUtcNotLaterThan(SpringForward, new TimeOnly(2, 30)));
    }

    [Fact]
    public void ToLocal_RoundTripsBothFallBackOccurrencesToTheSameWallClock()
    {
        Assert.Equal(new DateTime(2026, 11, 1, 1, 30, 0), NewYork.ToLocal(Utc(2026, 11, 1, 5, 30)));
        Assert.Equal(new DateTime(2026, 11, 1, 1, 30, 0), NewYork.ToLocal(Utc(2026, 11, 1, 6, 30)));
        Assert.Equal(TimeSpan.FromHours(-4), NewYork.OffsetAt(Utc(2026, 11, 1, 5, 30)));
        Assert.Equal(TimeSpan.FromHours(-5), NewYork.OffsetAt(Utc(2026, 11, 1, 6, 30)));
    }

    [Fact]
    public void ToLocal_AnUnspecifiedKindValueFromTheDatabase_IsTreatedAsUtc()
    {
        var fromDatabase = new DateTime(2026, 3, 9, 11, 30, 0, DateTimeKind.Unspecified);

        Assert.Equal(new DateTime(2026, 3, 9, 7, 30, 0), NewYork.ToLocal(fromDatabase));
    }

    [Fact]
    public void ToLocal_AServerLocalDateTime_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => NewYork.ToLocal(new DateTime(2026, 3, 9, 11, 30, 0, DateTimeKind.Local)));
    }

    [Fact]
    public void Today_LateEveningInNewYork_IsStillYesterdayInUtcTerms()
    {
        // 23:30 EDT on Sunday 8 March is 03:30Z on Monday.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 9, 3, 30, 0, TimeSpan.Zero));

        Assert.Equal(SpringForward, NewYork.Today(time));

        time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(new DateOnly(2026, 3, 9), NewYork.Today(time));
    }
}
