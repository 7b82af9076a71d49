using System.ComponentModel.DataAnnotations;

namespace Scheduling.Web.Models.Rooms;

/// <summary>The add-room form. Rules live in the use case's validator; these attributes only label.</summary>
public sealed class RoomFormViewModel
{
    [Display(Name = "Room name")]
    public string? Name { get; set; }

    [Display(Name = "Location (building, floor)")]
    public string? Location { get; set; }
}
