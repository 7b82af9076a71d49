using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Features.Availability;
using Scheduling.Application.Features.Rooms;
using Scheduling.Domain.Common;
using Scheduling.Domain.Slots;

using static Scheduling.UnitTests.Slots.SlotTestData;

namespace Scheduling.UnitTests.Slots;

public class DayTemplateProblemTests
{
    [Theory]
    [InlineData(7, 30, 300, 4, 19, 0, DayTemplateField.Turnover)]
    [InlineData(7, 30, 30, 13, 19, 0, DayTemplateField.Recovery)]
    [InlineData(7, 30, 30, 4, 7, 0, DayTemplateField.UnitCloses)]
    [InlineData(14, 0, 30, 4, 19, 0, DayTemplateField.UnitCloses)]
    public void Problems_NameTheFieldTheAdminMustFix(int startH, int startM, int turnover, int recoveryH, int closeH, int closeM, DayTemplateField field)
    {
        var template = new DayTemplate(DayOfWeek.Monday, new TimeOnly(startH, startM), turnover, TimeSpan.FromHours(recoveryH), new TimeOnly(closeH, closeM));

        var problem = Assert.Single(template.Problems());

        Assert.Equal(field, problem.Field);
        Assert.Equal([problem.Message], template.Validate());
    }

    [Fact]
    public void Problems_ForTheDesignExample_AreNone() =>
        Assert.Empty(DesignTemplate(DayOfWeek.Monday).Problems());

    [Theory]
    [InlineData(DayTemplateField.FirstStart, "FirstStart")]
    [InlineData(DayTemplateField.Turnover, "TurnoverMinutes")]
    [InlineData(DayTemplateField.Recovery, "RecoveryHours")]
    [InlineData(DayTemplateField.UnitCloses, "UnitCloses")]
    public void SaveRoomWeekTemplate_PutsEachProblemBesideItsFormField(DayTemplateField field, string formField) =>
        Assert.Equal(formField, SaveRoomWeekTemplate.FieldName(field));
}

public class ClosureWindowProblemTests
{
    [Fact]
    public void Problems_WhenTheClosureEndsBeforeItStarts_AreAboutTo()
    {
        var window = new ClosureWindow(null, new DateOnly(2026, 4, 10), new DateOnly(2026, 4, 9), "Holiday");

        Assert.Equal(ClosureField.To, Assert.Single(window.Problems()).Field);
    }

    [Fact]
    public void Problems_WhenTheReasonIsBlank_AreAboutReason()
    {
        var window = new ClosureWindow(null, new DateOnly(2026, 4, 10), new DateOnly(2026, 4, 10), "  ");

        Assert.Equal(ClosureField.Reason, Assert.Single(window.Problems()).Field);
    }
}

public class RoomDayTemplateTests
{
    private static readonly DateTime Now = Utc(2026, 3, 2, 8, 0);

    [Fact]
    public void Create_KeepsTheTemplateAndGivesItBack()
    {
        var template = DesignTemplate(DayOfWeek.Wednesday) with { Recovery = TimeSpan.FromHours(3.5) };

        var saved = RoomDayTemplate.Create(Guid.NewGuid(), template, Now);

        Assert.Equal(template, saved.ToDayTemplate());
        Assert.Equal(210, saved.RecoveryMinutes);
        Assert.Equal(Now, saved.UpdatedAtUtc);
    }

    [Fact]
    public void Create_WithAnInvalidTemplate_Throws()
    {
        var template = DesignTemplate(DayOfWeek.Monday) with { UnitCloses = new TimeOnly(7, 0) };

        Assert.Throws<DomainException>(() => RoomDayTemplate.Create(Guid.NewGuid(), template, Now));
    }

    [Fact]
    public void Change_ToAnotherWeekday_Throws()
    {
        var saved = RoomDayTemplate.Create(Guid.NewGuid(), DesignTemplate(DayOfWeek.Monday), Now);

        Assert.Throws<DomainException>(() => saved.Change(DesignTemplate(DayOfWeek.Tuesday), Now));
    }

    [Fact]
    public void Change_WithRecoveryNotInWholeMinutes_Throws()
    {
        var saved = RoomDayTemplate.Create(Guid.NewGuid(), DesignTemplate(DayOfWeek.Monday), Now);

        Assert.Throws<DomainException>(() => saved.Change(DesignTemplate(DayOfWeek.Monday) with { Recovery = TimeSpan.FromSeconds(14_430) }, Now));
    }

    [Fact]
    public void Change_ReplacesTheTimesAndTheUpdateTime()
    {
        var saved = RoomDayTemplate.Create(Guid.NewGuid(), DesignTemplate(DayOfWeek.Monday), Now);
        var later = Now.AddDays(1);

        saved.Change(DesignTemplate(DayOfWeek.Monday) with { FirstStart = new TimeOnly(8, 0) }, later);

        Assert.Equal(new TimeOnly(8, 0), saved.FirstStart);
        Assert.Equal(later, saved.UpdatedAtUtc);
    }
}

public class ClosureTests
{
    private static readonly DateTime Now = Utc(2026, 3, 2, 8, 0);

    [Fact]
    public void Create_KeepsTheWindowWithATrimmedReasonAndWhoAddedIt()
    {
        var room = Guid.NewGuid();

        var closure = Closure.Create(new ClosureWindow(room, new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 26), "  Holidays "), "admin@clinic.test", Now);

        Assert.Equal(new ClosureWindow(room, new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 26), "Holidays"), closure.ToWindow());
        Assert.Equal("admin@clinic.test", closure.CreatedBy);
        Assert.Equal(Now, closure.CreatedAtUtc);
    }

    [Fact]
    public void Create_WithAnInvalidWindow_Throws() =>
        Assert.Throws<DomainException>(() => Closure.Create(
            new ClosureWindow(null, new DateOnly(2026, 4, 2), new DateOnly(2026, 4, 1), "Holiday"), "admin", Now));

    [Fact]
    public void Create_WithATooLongReason_Throws() =>
        Assert.Throws<DomainException>(() => Closure.Create(
            new ClosureWindow(null, new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 1), new string('r', Closure.ReasonMaxLength + 1)), "admin", Now));

    [Fact]
    public void Create_WithoutWhoAddedIt_Throws() =>
        Assert.Throws<DomainException>(() => Closure.Create(
            new ClosureWindow(null, new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 1), "Holiday"), " ", Now));
}

public class SlotAuditingTests
{
    [Fact]
    public void Slot_IsAuditedInBulk_SoTheMaterializerWritesOneSummaryLineInsteadOfOnePerSlot() =>
        Assert.True(Attribute.IsDefined(typeof(Slot), typeof(AuditedInBulkAttribute)));
}

public class ClinicTimeLabelTests
{
    [Theory]
    [InlineData(2026, 3, 7, 12, 30, "7:30 AM EST")]
    [InlineData(2026, 3, 8, 11, 30, "7:30 AM EDT")]
    [InlineData(2026, 11, 1, 12, 30, "7:30 AM EST")]
    public void Time_InNewYork_ShowsTheZoneInForceThatDay(int y, int mo, int d, int h, int mi, string expected) =>
        Assert.Equal(expected, ClinicTimeLabel.Time(NewYork, Utc(y, mo, d, h, mi)));

    [Fact]
    public void For_AZoneWithoutAThreeWordName_FallsBackToTheUtcOffset()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("Test/Plus0530", TimeSpan.FromHours(5.5), "Test", "Somewhere odd");

        Assert.Equal("UTC+05:30", ClinicTimeLabel.For(new ClinicTime(zone), Utc(2026, 3, 2, 8, 0)));
    }
}

public class CalendarWeekTests
{
    [Theory]
    [InlineData(2026, 3, 2, 2026, 3, 2)]
    [InlineData(2026, 3, 4, 2026, 3, 2)]
    [InlineData(2026, 3, 8, 2026, 3, 2)]
    [InlineData(2026, 3, 9, 2026, 3, 9)]
    public void MondayOf_AnyDay_IsTheMondayStartingItsWeek(int y, int m, int d, int ey, int em, int ed) =>
        Assert.Equal(new DateOnly(ey, em, ed), GetWeekCalendar.MondayOf(new DateOnly(y, m, d)));
}
