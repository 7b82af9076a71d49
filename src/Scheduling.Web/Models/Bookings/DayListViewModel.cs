using Scheduling.Application.Features.Bookings;

namespace Scheduling.Web.Models.Bookings;

/// <summary>The day list; <paramref name="CanOpenBookings"/> because only schedulers and admins work the booking pages.</summary>
public sealed record DayListViewModel(GetDayList.View Day, bool CanOpenBookings)
{
    public DateOnly PreviousDay => Day.Date.AddDays(-1);

    public DateOnly NextDay => Day.Date.AddDays(1);
}
