using System.ComponentModel.DataAnnotations;

using Scheduling.Application.Features.Rooms;

namespace Scheduling.Web.Models.Rooms;

/// <summary>One weekday row of the template grid. Rules live in the use case; these attributes only label.</summary>
public sealed class DayTemplateForm
{
    public DayOfWeek Weekday { get; set; }

    [Display(Name = "Open")]
    public bool Open { get; set; }

    [Display(Name = "First start")]
    public TimeOnly? FirstStart { get; set; }

    [Display(Name = "Turnover (minutes)")]
    public int? TurnoverMinutes { get; set; }

    [Display(Name = "Recovery (hours)")]
    public decimal? RecoveryHours { get; set; }

    [Display(Name = "Unit closes")]
    public TimeOnly? UnitCloses { get; set; }
}

public sealed class RoomTemplateForm
{
    public List<DayTemplateForm> Days { get; set; } = [];

    public static RoomTemplateForm From(GetRoomWeekTemplate.View view) => new()
    {
        Days = view.Days.Select(d => new DayTemplateForm
        {
            Weekday = d.Weekday,
            Open = d.Open,
            FirstStart = d.FirstStart,
            TurnoverMinutes = d.TurnoverMinutes,
            RecoveryHours = d.RecoveryHours,
            UnitCloses = d.UnitCloses,
        }).ToList(),
    };
}

public sealed record RoomTemplatesViewModel(GetRoomWeekTemplate.View Data, RoomTemplateForm Form)
{
    public IReadOnlyList<TimeOnly> SavedStarts(DayOfWeek weekday) =>
        Data.Days.FirstOrDefault(d => d.Weekday == weekday)?.SlotStarts ?? [];
}
