using System.ComponentModel.DataAnnotations;

using Scheduling.Application.Features.Closures;

namespace Scheduling.Web.Models.Closures;

public sealed class ClosureForm
{
    [Display(Name = "Room (or the whole clinic)")]
    public Guid? RoomId { get; set; }

    [Display(Name = "First closed day")]
    public DateOnly? From { get; set; }

    [Display(Name = "Last closed day")]
    public DateOnly? To { get; set; }

    [Display(Name = "Reason")]
    public string? Reason { get; set; }
}

public sealed record ClosuresViewModel(ListClosures.View Data, ClosureForm NewClosure);

public sealed record AffectedBookingsViewModel(IReadOnlyList<AffectedBookings.Row> Rows);
