using System.ComponentModel.DataAnnotations;

using Scheduling.Application.Features.Availability;

namespace Scheduling.Web.Models.Availability;

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

    [Display(Name = "IR physician")]
    public Guid? PhysicianId { get; set; }

    [Display(Name = "How many")]
    public int? Count { get; set; }
}

public sealed record RoomChoice(Guid Id, string Name);

public sealed record NextAvailableViewModel(
    NextAvailableForm Form,
    IReadOnlyList<RoomChoice> Rooms,
    FindNextAvailable.View? Result,
    bool CanEditTemplates);
