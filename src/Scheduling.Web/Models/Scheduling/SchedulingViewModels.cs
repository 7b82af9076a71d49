using System.ComponentModel.DataAnnotations;

using Scheduling.Application.Features.Availability;
using Scheduling.Application.Features.Bookings;
using Scheduling.Application.Features.Closures;
using Scheduling.Domain.Bookings;

namespace Scheduling.Web.Models.Scheduling;

public sealed record CalendarViewModel(GetWeekCalendar.View Week, bool CanEditTemplates)
{
    public DateOnly PreviousWeek => Week.WeekStart.AddDays(-7);

    public DateOnly NextWeek => Week.WeekStart.AddDays(7);

    [Display(Name = "Jump to date")]
    public DateOnly JumpTo => Week.WeekStart;
}

/// <summary>The next-available search form (GET: a search changes nothing).</summary>
public sealed class NextAvailableForm
{
    [Display(Name = "From date")]
    public DateOnly? From { get; set; }

    [Display(Name = "Room")]
    public Guid? RoomId { get; set; }

    [Display(Name = "How many")]
    public int? Count { get; set; }
}

public sealed record RoomChoice(Guid Id, string Name);

public sealed record NextAvailableViewModel(
    NextAvailableForm Form,
    IReadOnlyList<RoomChoice> Rooms,
    FindNextAvailable.View? Result,
    bool CanEditTemplates);

public sealed record AffectedBookingsViewModel(IReadOnlyList<AffectedBookings.Row> Rows);

/// <summary>The day list; <paramref name="CanOpenBookings"/> because only schedulers and admins work the booking pages.</summary>
public sealed record DayListViewModel(GetDayList.View Day, bool CanOpenBookings)
{
    public DateOnly PreviousDay => Day.Date.AddDays(-1);

    public DateOnly NextDay => Day.Date.AddDays(1);

    public static string Status(BookingStatus status) => status switch
    {
        BookingStatus.PendingConfirmation => "Not yet confirmed",
        BookingStatus.Confirmed => "Confirmed",
        BookingStatus.Completed => "Completed",
        BookingStatus.NoShow => "No-show",
        _ => "Cancelled",
    };
}
