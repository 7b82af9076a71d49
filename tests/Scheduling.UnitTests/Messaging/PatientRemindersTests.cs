using Scheduling.Domain.Messaging;

namespace Scheduling.UnitTests.Messaging;

public sealed class PatientRemindersTests
{
    private static readonly DateTime Start = new(2026, 3, 17, 13, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void ABookingWeeksAhead_GetsThe72HourAndThe24HourReminder_EachDueThatLongBeforeTheStart()
    {
        var upcoming = PatientReminders.Upcoming(Start, Start.AddDays(-14)).ToList();

        Assert.Equal(
            [(MessageKinds.PatientReminder72h, Start.AddHours(-72)), (MessageKinds.PatientReminder24h, Start.AddHours(-24))],
            upcoming);
    }

    [Fact]
    public void AShortNoticeBooking_GetsOnlyTheRemindersStillAhead()
    {
        Assert.Equal([MessageKinds.PatientReminder24h], PatientReminders.Upcoming(Start, Start.AddHours(-48)).Select(r => r.Kind));
        Assert.Empty(PatientReminders.Upcoming(Start, Start.AddHours(-24)));
    }

    [Fact]
    public void The72HourReminder_IsSupersededOnceThe24HourOneIsDue_AndNothingElseIsEverSuperseded()
    {
        Assert.Null(PatientReminders.SupersededBy(MessageKinds.PatientReminder72h, Start, Start.AddHours(-25)));
        Assert.Equal(MessageKinds.PatientReminder24h, PatientReminders.SupersededBy(MessageKinds.PatientReminder72h, Start, Start.AddHours(-24))?.Kind);
        Assert.Null(PatientReminders.SupersededBy(MessageKinds.PatientReminder24h, Start, Start.AddHours(-1)));
        Assert.Null(PatientReminders.SupersededBy(MessageKinds.PatientBooked, Start, Start.AddHours(-1)));
    }
}
