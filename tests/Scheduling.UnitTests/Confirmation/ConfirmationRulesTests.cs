using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Messaging;
using Scheduling.Domain.Referrals;
using Scheduling.UnitTests.Referrals;

namespace Scheduling.UnitTests.Confirmation;

public sealed class ConfirmationRulesTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Start = new(2026, 3, 17, 13, 30, 0, DateTimeKind.Utc);
    private static readonly IReadOnlyList<TimeSpan> Reminders = new AppointmentPolicy().Reminders;

    [Fact]
    public void RenderedMessage_EncodesValuesAndTemplateInHtml_AndTurnsLinksIntoAnchors()
    {
        var template = new EffectiveTemplate(MessageKinds.Find(MessageKinds.PatientBooked)!, "For {{PatientFirstName}}", "Dear {{PatientFirstName}} & family,\n\nConfirm: {{ConfirmationLink}}", false, null);
        var values = new Dictionary<string, string> { ["PatientFirstName"] = "Bo <script>", ["ConfirmationLink"] = "https://clinic.example/p/abc" };

        var rendered = RenderedMessage.From(template, values, ["ConfirmationLink"], new EmailFrame("Harbour <IR>", ["Harbour Interventional Radiology", "Phone 555-0199"]));

        Assert.Equal("For Bo <script>", rendered.Subject);
        Assert.Contains("Dear Bo <script> & family,", rendered.Text, StringComparison.Ordinal);
        Assert.StartsWith("Harbour <IR>\n\n", rendered.Text, StringComparison.Ordinal);
        Assert.EndsWith("-- \nHarbour Interventional Radiology\nPhone 555-0199", rendered.Text, StringComparison.Ordinal);
        Assert.Contains("Dear Bo &lt;script&gt; &amp; family,", rendered.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"brand\">Harbour &lt;IR&gt;</p>", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("<a class=\"button\" href=\"https://clinic.example/p/abc\">Open my appointment</a>", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://clinic.example/p/abc\">https://clinic.example/p/abc</a>", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("<p>Phone 555-0199</p>", rendered.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void PatientMessage_ForAnOlderBookingVersion_IsSkipped()
    {
        var booking = Booking.Create(Guid.NewGuid(), Guid.NewGuid(), "scheduler", null, Now);
        var booked = OutboxMessage.Create(MessageKinds.PatientBooked, booking.Id, 1, Now);
        Assert.Null(PatientMessageComposer.SkipReason(booked, booking, Reminders, Start, Now));

        booking.MoveTo(Guid.NewGuid(), null, Now);

        Assert.NotNull(PatientMessageComposer.SkipReason(booked, booking, Reminders, Start, Now));
        Assert.Null(PatientMessageComposer.SkipReason(OutboxMessage.Create(MessageKinds.PatientRescheduled, booking.Id, 2, Now), booking, Reminders, Start, Now));
    }

    [Fact]
    public void Reminder_ForACancelledBookingOrAPastProcedure_IsSkipped()
    {
        var referral = ReferralStateMachineTests.InStatus(ReferralStatus.Scheduled);
        var booking = Booking.Create(referral.Id, Guid.NewGuid(), "scheduler", null, Now);
        var reminder = OutboxMessage.Create(PatientReminders.KindFor(TimeSpan.FromHours(24)), booking.Id, 1, Now);

        Assert.NotNull(PatientMessageComposer.SkipReason(reminder, booking, Reminders, Start, Start));
        booking.Cancel(referral, "Patient declined", byPatient: false, "Booking cancelled: Patient declined", "scheduler", Now);
        Assert.NotNull(PatientMessageComposer.SkipReason(reminder, booking, Reminders, Start, Now));
        Assert.Null(PatientMessageComposer.SkipReason(OutboxMessage.Create(MessageKinds.PatientCancelled, booking.Id, 1, Now), booking, Reminders, Start, Now));
    }

    [Fact]
    public void The72HourReminder_DelayedPastThe24HourMark_IsSkippedInFavourOfTheLaterOne()
    {
        var booking = Booking.Create(Guid.NewGuid(), Guid.NewGuid(), "scheduler", null, Now);
        var reminder = OutboxMessage.Create(PatientReminders.KindFor(TimeSpan.FromHours(72)), booking.Id, 1, Now);

        Assert.Null(PatientMessageComposer.SkipReason(reminder, booking, Reminders, Start, Start.AddHours(-72)));
        Assert.NotNull(PatientMessageComposer.SkipReason(reminder, booking, Reminders, Start, Start.AddHours(-23)));
    }

    [Fact]
    public void DoctorConfirmedNotice_IsSentOnlyWhileTheBookingIsConfirmedInThatVersion()
    {
        var booking = Booking.Create(Guid.NewGuid(), Guid.NewGuid(), "scheduler", null, Now);
        var notice = OutboxMessage.Create(MessageKinds.DoctorConfirmed, booking.Id, 1, Now);
        Assert.NotNull(DoctorMessageComposer.SkipReason(notice, booking));

        booking.Confirm(Now);
        Assert.Null(DoctorMessageComposer.SkipReason(notice, booking));

        booking.MoveTo(Guid.NewGuid(), null, Now);
        Assert.NotNull(DoctorMessageComposer.SkipReason(notice, booking));
    }

    [Theory]
    [InlineData("2026-10-20T12:00:00Z", "2026-10-30T12:30:00Z")] // booked early: overdue at the 72-hour cut-off
    [InlineData("2026-10-29T12:00:00Z", "2026-10-30T12:30:00Z")] // the cut-off still comes after the 24-hour grace
    [InlineData("2026-10-30T12:00:00Z", "2026-10-31T12:00:00Z")] // booked inside the cut-off: the grace after booking
    [InlineData("2026-11-02T06:00:00Z", "2026-11-03T06:00:00Z")] // same-day booking: never the moment it is made
    public void Escalation_IsDueAtTheCutOffBeforeTheProcedure_ButNeverBeforeTheGraceAfterBooking(string bookedAt, string expected)
    {
        var procedure = new DateTime(2026, 11, 2, 12, 30, 0, DateTimeKind.Utc);

        var due = new ConfirmationPolicy().OverdueAtUtc(DateTime.Parse(bookedAt, null, System.Globalization.DateTimeStyles.AdjustToUniversal), procedure);

        Assert.Equal(DateTime.Parse(expected, null, System.Globalization.DateTimeStyles.AdjustToUniversal), due);
    }
}
