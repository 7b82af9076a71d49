using Scheduling.Domain.Common;
using Scheduling.Domain.Slots;

using static Scheduling.UnitTests.Slots.SlotTestData;

namespace Scheduling.UnitTests.Slots;

public class DayTemplateTests
{
    [Fact]
    public void LocalStarts_ForTheDesignExample_AreFourSlotsEveryTwoHoursFrom0730()
    {
        var starts = DesignTemplate(DayOfWeek.Monday).LocalStarts();

        Assert.Equal(Times("07:30", "09:30", "11:30", "13:30"), starts);
    }

    [Fact]
    public void LocalStarts_WhenRecoveryEndsExactlyAtClosing_IncludesThatSlot()
    {
        // 13:30 + 1:30 procedure + 4:00 recovery = 19:00, the closing time itself.
        var starts = DesignTemplate(DayOfWeek.Monday).LocalStarts();

        Assert.Contains(new TimeOnly(13, 30), starts);
    }

    [Fact]
    public void LocalStarts_WhenRecoveryWouldEndOneMinuteAfterClosing_ExcludesThatSlot()
    {
        var template = DesignTemplate(DayOfWeek.Monday) with { UnitCloses = new TimeOnly(18, 59) };

        Assert.Equal(Times("07:30", "09:30", "11:30"), template.LocalStarts());
    }

    [Fact]
    public void LocalStarts_WhenTheDayIsTooShortForOneCase_AreEmptyAndValidationSaysWhy()
    {
        var template = DesignTemplate(DayOfWeek.Monday) with { UnitCloses = new TimeOnly(12, 59) };

        Assert.Empty(template.LocalStarts());
        Assert.Contains(template.Validate(), p => p.StartsWith("No slot fits", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("en-US", "No slot fits: 7:30 AM plus", "closes at 12:59 PM.", "The end (7:00 AM) must be after the start (1:00 PM).")]
    [InlineData("en-GB", "No slot fits: 07:30 plus", "closes at 12:59.", "The end (07:00) must be after the start (13:00).")]
    public void Problems_WriteTimesInTheClinicsClockStyle(string culture, string starts, string ends, string hours)
    {
        var clock = ClockStyle.Of(System.Globalization.CultureInfo.GetCultureInfo(culture));
        var template = DesignTemplate(DayOfWeek.Monday) with { UnitCloses = new TimeOnly(12, 59) };

        var problem = Assert.Single(template.Problems(clock)).Message;

        Assert.StartsWith(starts, problem, StringComparison.Ordinal);
        Assert.EndsWith(ends, problem, StringComparison.Ordinal);
        Assert.Equal(hours, new Scheduling.Domain.Capacity.WeeklyWindow(DayOfWeek.Monday, new TimeOnly(13, 0), new TimeOnly(7, 0)).Problem(clock));
    }

    [Fact]
    public void LocalStarts_WithZeroTurnover_FollowEachOtherBackToBack()
    {
        var template = new DayTemplate(DayOfWeek.Monday, new TimeOnly(8, 0), 0, TimeSpan.Zero, new TimeOnly(12, 30));

        Assert.Equal(Times("08:00", "09:30", "11:00"), template.LocalStarts());
    }

    [Fact]
    public void LocalStarts_NearMidnight_NeverWrapIntoTheNextDay()
    {
        var template = new DayTemplate(DayOfWeek.Monday, new TimeOnly(22, 0), 0, TimeSpan.Zero, new TimeOnly(23, 59));

        Assert.Equal(Times("22:00"), template.LocalStarts());
    }

    [Fact]
    public void Validate_TheDesignExample_HasNoProblems()
    {
        Assert.Empty(DesignTemplate(DayOfWeek.Monday).Validate());
    }

    [Theory]
    [InlineData("07:30", "07:30", 30, 240, "close after")]
    [InlineData("07:30", "06:00", 30, 240, "close after")]
    [InlineData("07:30", "19:00", -1, 240, "Turnover")]
    [InlineData("07:30", "19:00", 241, 240, "Turnover")]
    [InlineData("07:30", "19:00", 30, -1, "Recovery")]
    [InlineData("07:30", "23:59", 30, 721, "Recovery")]
    public void Validate_OutOfRangeValues_AreReportedAsProblems(
        string firstStart, string closes, int turnoverMinutes, int recoveryMinutes, string expectedProblem)
    {
        var template = new DayTemplate(
            DayOfWeek.Monday,
            TimeOnly.Parse(firstStart, System.Globalization.CultureInfo.InvariantCulture),
            turnoverMinutes,
            TimeSpan.FromMinutes(recoveryMinutes),
            TimeOnly.Parse(closes, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Contains(template.Validate(), p => p.Contains(expectedProblem, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_TheLimitsThemselves_AreAllowed()
    {
        var template = new DayTemplate(
            DayOfWeek.Monday, new TimeOnly(6, 0), SlotPolicy.MaxTurnoverMinutes, SlotPolicy.MaxRecovery, new TimeOnly(19, 30));

        Assert.Empty(template.Validate());
    }

    [Fact]
    public void LocalStarts_OfAnInvalidTemplate_ThrowBecauseSavingShouldHaveRejectedIt()
    {
        var template = DesignTemplate(DayOfWeek.Monday) with { TurnoverMinutes = -90 };

        Assert.Throws<InvalidOperationException>(() => template.LocalStarts().ToList());
    }
}
