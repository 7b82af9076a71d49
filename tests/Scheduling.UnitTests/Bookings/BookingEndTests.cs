using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Referrals;
using Scheduling.UnitTests.Referrals;

namespace Scheduling.UnitTests.Bookings;

/// <summary>What the end of a booking does to its referral, decided by the booking's own ending methods.</summary>
public sealed class BookingEndTests
{
    private static readonly DateTime Start = new(2026, 3, 10, 11, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void CancelledByStaff_TheScheduledReferralGoesBackToTheQueue_WithTheTextAndWhoOnItsTimeline()
    {
        var (referral, booking) = Booked();

        booking.Cancel(referral, "Patient unwell", byPatient: false, "Booking for Tue 10 Mar cancelled: Patient unwell", "Sam", Start.AddDays(-2));

        Assert.Equal(BookingStatus.Cancelled, booking.Status);
        Assert.Equal(ReferralStatus.ReadyToSchedule, referral.Status);
        Assert.Equal(Start.AddDays(-2), referral.ReadyToScheduleSinceUtc);
        var line = referral.Events[^1];
        Assert.Equal(("BookingCancelled", "Booking for Tue 10 Mar cancelled: Patient unwell", "Sam"), (line.Kind, line.Text, line.Actor));
    }

    [Fact]
    public void CancelledByThePatient_TheReferralGoesBackToTheQueue_AsThePatientsDoing()
    {
        var (referral, booking) = Booked();

        booking.Cancel(referral, "Cancelled by the patient.", byPatient: true, "The patient cancelled.", actor: null, Start.AddDays(-2));

        Assert.True(booking.CancelledByPatient);
        Assert.Equal(ReferralStatus.ReadyToSchedule, referral.Status);
        Assert.Equal(("CancelledByPatient", (string?)null), (referral.Events[^1].Kind, referral.Events[^1].Actor));
    }

    [Fact]
    public void ANoShow_SendsTheReferralBackToTheQueue_AndKeepsTheSlot()
    {
        var (referral, booking) = Booked();

        booking.MarkNoShow(referral, Start, "The patient did not come.", "Sam", Start.AddHours(2));

        Assert.Equal(BookingStatus.NoShow, booking.Status);
        Assert.True(booking.IsOccupying);
        Assert.Equal(ReferralStatus.ReadyToSchedule, referral.Status);
        Assert.Equal("NoShow", referral.Events[^1].Kind);
    }

    [Fact]
    public void ACompletedProcedure_CompletesTheReferral()
    {
        var (referral, booking) = Booked();

        booking.MarkCompleted(referral, Start, "Procedure completed.", "Sam", Start.AddHours(2));

        Assert.Equal(BookingStatus.Completed, booking.Status);
        Assert.Equal(ReferralStatus.Completed, referral.Status);
        Assert.Equal(("Completed", "Procedure completed."), (referral.Events[^1].Kind, referral.Events[^1].Text));
    }

    [Fact]
    public void TheEndOfABooking_WhoseReferralWasClosedMeanwhile_OnlyGoesOnTheTimeline_WithoutReopeningIt()
    {
        var (referral, booking) = Booked();
        referral.Cancel("Patient chose another treatment.", Start.AddDays(-3), "Sam");

        booking.Cancel(referral, "Referral closed", byPatient: false, "Booking cancelled: Referral closed", "Sam", Start.AddDays(-2));

        Assert.Equal(ReferralStatus.Cancelled, referral.Status);
        Assert.Null(referral.ReadyToScheduleSinceUtc);
        Assert.Equal(("BookingCancelled", "Booking cancelled: Referral closed"), (referral.Events[^1].Kind, referral.Events[^1].Text));
    }

    [Fact]
    public void EndingABooking_WithSomeOtherReferral_IsRefused_AndChangesNeither()
    {
        var (_, booking) = Booked();
        var other = ReferralStateMachineTests.InStatus(ReferralStatus.Scheduled);
        var events = other.Events.Count;

        Assert.Throws<DomainException>(() => booking.Cancel(other, "Mix-up", byPatient: false, "Cancelled", "Sam", Start.AddDays(-2)));
        Assert.Throws<DomainException>(() => booking.MarkNoShow(other, Start, "Did not come", "Sam", Start.AddHours(2)));

        Assert.Equal(BookingStatus.PendingConfirmation, booking.Status);
        Assert.Equal(ReferralStatus.Scheduled, other.Status);
        Assert.Equal(events, other.Events.Count);
    }

    [Fact]
    public void AnOutcomeRefusedBeforeTheStart_LeavesTheReferralAsItWas()
    {
        var (referral, booking) = Booked();
        var events = referral.Events.Count;

        Assert.Throws<DomainException>(() => booking.MarkNoShow(referral, Start, "Did not come", "Sam", Start.AddMinutes(-1)));

        Assert.Equal(ReferralStatus.Scheduled, referral.Status);
        Assert.Equal(events, referral.Events.Count);
    }

    private static (Referral Referral, Booking Booking) Booked()
    {
        var referral = ReferralStateMachineTests.InStatus(ReferralStatus.Scheduled);
        return (referral, Booking.Create(referral.Id, Guid.NewGuid(), "Sam", null, Start.AddDays(-7)));
    }
}
