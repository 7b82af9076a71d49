using Scheduling.Domain.Bookings;
using Scheduling.Domain.Messaging;

namespace Scheduling.UnitTests.Messaging;

public sealed class PatientRemindersTests
{
    private static readonly DateTime Start = new(2026, 3, 17, 13, 30, 0, DateTimeKind.Utc);
    private static readonly IReadOnlyList<TimeSpan> Default = new AppointmentPolicy().Reminders;
    private static readonly string Reminder72h = PatientReminders.KindFor(TimeSpan.FromHours(72));
    private static readonly string Reminder24h = PatientReminders.KindFor(TimeSpan.FromHours(24));

    [Fact]
    public void ABookingWeeksAhead_GetsThe72HourAndThe24HourReminder_EachDueThatLongBeforeTheStart()
    {
        var upcoming = PatientReminders.Upcoming(Default, Start, Start.AddDays(-14)).ToList();

        Assert.Equal([("PatientReminder72h", Start.AddHours(-72)), ("PatientReminder24h", Start.AddHours(-24))], upcoming);
    }

    [Fact]
    public void TheClinicsOwnReminderTimes_AreQueuedEarliestFirst_OnePerTime()
    {
        var policy = new AppointmentPolicy { ReminderHoursBefore = [6, 168, 48, 6] };

        Assert.Equal(
            [("PatientReminder168h", Start.AddDays(-7)), ("PatientReminder48h", Start.AddHours(-48)), ("PatientReminder6h", Start.AddHours(-6))],
            PatientReminders.Upcoming(policy.Reminders, Start, Start.AddDays(-14)));
    }

    [Fact]
    public void AShortNoticeBooking_GetsOnlyTheRemindersStillAhead()
    {
        Assert.Equal([Reminder24h], PatientReminders.Upcoming(Default, Start, Start.AddHours(-48)).Select(r => r.Kind));
        Assert.Empty(PatientReminders.Upcoming(Default, Start, Start.AddHours(-24)));
    }

    [Fact]
    public void AReminderKind_NamesItsTime_AndOnlyReminderKindsParse()
    {
        Assert.True(PatientReminders.TryParse("PatientReminder36h", out var before));
        Assert.Equal(TimeSpan.FromHours(36), before);
        Assert.False(PatientReminders.TryParse(MessageKinds.PatientReminder, out _));
        Assert.False(PatientReminders.TryParse(MessageKinds.PatientBooked, out _));
        Assert.False(PatientReminders.TryParse("PatientReminder-3h", out _));
        Assert.Equal(MessageKinds.PatientReminder, MessageKinds.ForMessage("PatientReminder36h")!.Kind);
    }

    [Fact]
    public void The72HourReminder_IsSkippedOnceThe24HourOneIsDue_AndNothingElseIsEverSuperseded()
    {
        Assert.Null(PatientReminders.SkipReason(Reminder72h, Default, Start, Start.AddHours(-25)));
        Assert.Contains("24 hours", PatientReminders.SkipReason(Reminder72h, Default, Start, Start.AddHours(-24)), StringComparison.Ordinal);
        Assert.Null(PatientReminders.SkipReason(Reminder24h, Default, Start, Start.AddHours(-1)));
        Assert.Null(PatientReminders.SkipReason(MessageKinds.PatientBooked, Default, Start, Start.AddHours(-1)));
    }

    [Fact]
    public void AReminderAtATimeTheClinicNoLongerUses_IsSkipped()
    {
        var only48 = new AppointmentPolicy { ReminderHoursBefore = [48] }.Reminders;

        Assert.Contains("no longer", PatientReminders.SkipReason(Reminder72h, only48, Start, Start.AddHours(-72)), StringComparison.Ordinal);
        Assert.Null(PatientReminders.SkipReason("PatientReminder48h", only48, Start, Start.AddHours(-48)));
    }

    [Theory]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 72, 72 })]
    [InlineData(new[] { 400 })]
    [InlineData(new[] { 1, 2, 3, 4, 5, 6 })]
    public void ReminderTimes_OutOfBoundsOrRepeated_AreRefusedByThePolicysRules(int[] hours)
    {
        Assert.NotEmpty(new AppointmentPolicy { ReminderHoursBefore = hours }.Validate());
    }
}
