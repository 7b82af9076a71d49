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
