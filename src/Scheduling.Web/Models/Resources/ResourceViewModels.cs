using System.ComponentModel.DataAnnotations;

using Scheduling.Application.Features.Resources;
using Scheduling.Domain.Capacity;

namespace Scheduling.Web.Models.Resources;

/// <summary>The TACE template form. Rules live in the use case; these attributes only label.</summary>
public sealed class RequirementsForm
{
    [Display(Name = "The performing IR physician")]
    public bool Physician { get; set; } = true;

    [Display(Name = "A sedation nurse")]
    public bool SedationNurse { get; set; } = true;

    [Display(Name = "A recovery bay after the procedure")]
    public bool RecoveryBay { get; set; } = true;

    [Display(Name = "Recovery time (minutes)")]
    public int? RecoveryMinutes { get; set; }
}

public sealed class NewResourceForm
{
    [Display(Name = "What it is")]
    public ResourceKind? Kind { get; set; }

    [Display(Name = "Name")]
    public string? Name { get; set; }

    [Display(Name = "Bays (recovery units only)")]
    public int? Bays { get; set; }

    [Display(Name = "Staff account (physicians and nurses, optional)")]
    public string? UserId { get; set; }
}

public sealed class ChangeResourceForm
{
    [Display(Name = "Name")]
    public string? Name { get; set; }

    [Display(Name = "Bays")]
    public int? Bays { get; set; }

    [Display(Name = "Staff account (optional)")]
    public string? UserId { get; set; }

    [Display(Name = "In use (offered for new bookings)")]
    public bool InUse { get; set; } = true;
}

public sealed class HoursDayForm
{
    public DayOfWeek Weekday { get; set; }

    public bool Works { get; set; }

    public TimeOnly? From { get; set; }

    public TimeOnly? To { get; set; }
}

public sealed class HoursForm
{
    public List<HoursDayForm> Days { get; set; } = [];

    /// <summary>Monday first, each day filled from the saved hours (unticked when there are none).</summary>
    public static HoursForm From(IReadOnlyList<WeeklyWindow> hours) => new()
    {
        Days = [.. Enumerable.Range(0, 7).Select(i => (DayOfWeek)((i + 1) % 7)).Select(d => hours.FirstOrDefault(h => h.Weekday == d) is { } h
            ? new HoursDayForm { Weekday = d, Works = true, From = h.From, To = h.To }
            : new HoursDayForm { Weekday = d, Works = false, From = WeeklyHours.DefaultFrom, To = WeeklyHours.DefaultTo })],
    };
}

public sealed class AwayForm
{
    [Display(Name = "Day")]
    public DateOnly? Date { get; set; }

    [Display(Name = "From (empty for the whole day)")]
    public TimeOnly? From { get; set; }

    [Display(Name = "To")]
    public TimeOnly? To { get; set; }

    [Display(Name = "What")]
    public UnavailabilityKind? Kind { get; set; }

    [Display(Name = "Note (shown to schedulers, no patient details)")]
    public string? Note { get; set; }

    [Display(Name = "Every week for (weeks)")]
    public int? RepeatWeeks { get; set; } = 1;
}

public sealed record CapacityIndexViewModel(ListResources.Page Page, RequirementsForm Requirements, NewResourceForm NewResource);

public sealed record ResourcePageViewModel(
    GetResource.Page Resource,
    IReadOnlyList<ListResources.Account> StaffAccounts,
    ChangeResourceForm Change,
    HoursForm Hours,
    AwayForm Away,
    IReadOnlyList<BookingHit> BookingsHit);
