using System.Reflection;

using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Referrals;
using Scheduling.UnitTests.Referrals;

namespace Scheduling.UnitTests.Bookings;

public sealed class BookingStatusesTests
{
    private static readonly DateTime Start = new(2026, 3, 10, 11, 30, 0, DateTimeKind.Utc);

    public static TheoryData<BookingStatus> AllStatuses() => new(Enum.GetValues<BookingStatus>());

    [Theory]
    [MemberData(nameof(AllStatuses))]
    public void TheSqlExpressions_AgreeWithTheStatusSets_ForEveryStatus(BookingStatus status)
    {
        var booking = WithStatus(status);

        Assert.Equal(BookingStatuses.Occupying.Contains(status), BookingStatuses.IsOccupyingExpr.Compile()(booking));
        Assert.Equal(BookingStatuses.Active.Contains(status), BookingStatuses.IsActiveExpr.Compile()(booking));
        Assert.Equal(BookingStatuses.Occupying.Contains(status), booking.IsOccupying);
        Assert.Equal(BookingStatuses.Active.Contains(status), booking.IsActive);
    }

    [Fact]
    public void Escalated_MeansStillPendingAndListed_UntilThePatientConfirmsOrTheBookingMoves()
    {
        var referral = ReferralStateMachineTests.InStatus(ReferralStatus.Scheduled);
        var booking = Booking.Create(referral.Id, Guid.NewGuid(), "sam", null, Start.AddDays(-7));
        Assert.False(booking.IsEscalated);
        Assert.True(Booking.MayBeEscalatedExpr.Compile()(booking));

        booking.MarkEscalated(Start.AddDays(-3));
        Assert.True(booking.IsEscalated);
        Assert.True(Booking.IsEscalatedExpr.Compile()(booking));
        Assert.False(Booking.MayBeEscalatedExpr.Compile()(booking));
        Assert.False(booking.IsConfirmedAfterEscalation);

        booking.Confirm(Start.AddDays(-2));
        Assert.False(booking.IsEscalated);
        Assert.True(booking.IsConfirmedAfterEscalation);
        Assert.True(Booking.IsConfirmedAfterEscalationExpr.Compile()(booking));

        var moved = Booking.Create(referral.Id, Guid.NewGuid(), "sam", null, Start.AddDays(-7));
        moved.MarkEscalated(Start.AddDays(-3));
        moved.MoveTo(Guid.NewGuid(), null, Start.AddDays(-2));
        Assert.False(moved.IsEscalated);
        Assert.True(Booking.MayBeEscalatedExpr.Compile()(moved));
    }

    [Fact]
    public void OnlyACancelledBooking_FreesItsSlot()
    {
        Assert.Equal(
            [BookingStatus.PendingConfirmation, BookingStatus.Confirmed, BookingStatus.Completed, BookingStatus.NoShow],
            BookingStatuses.Occupying.Order());
        Assert.Equal(["Completed", "Confirmed", "NoShow", "PendingConfirmation"], BookingStatuses.OccupyingNames.Order(StringComparer.Ordinal));
        Assert.Equal(["Confirmed", "PendingConfirmation"], BookingStatuses.ActiveNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AnOutcome_BeforeTheSlotsStart_IsRefusedByTheBooking()
    {
        var referral = ReferralStateMachineTests.InStatus(ReferralStatus.Scheduled);
        var booking = Booking.Create(referral.Id, Guid.NewGuid(), "sam", null, Start.AddDays(-7));

        Assert.Throws<DomainException>(() => booking.MarkCompleted(referral, Start, "Done", "sam", Start.AddMinutes(-1)));
        Assert.Throws<DomainException>(() => booking.MarkNoShow(referral, Start, "Did not come", "sam", Start.AddMinutes(-1)));
        Assert.Equal(BookingStatus.PendingConfirmation, booking.Status);

        booking.MarkCompleted(referral, Start, "Done", "sam", Start);
        Assert.Equal(BookingStatus.Completed, booking.Status);
    }

    private static Booking WithStatus(BookingStatus status)
    {
        var booking = Booking.Create(Guid.NewGuid(), Guid.NewGuid(), "sam", null, Start.AddDays(-7));
        typeof(Booking).GetProperty(nameof(Booking.Status), BindingFlags.Public | BindingFlags.Instance)!.SetValue(booking, status);
        return booking;
    }
}
