using System.ComponentModel.DataAnnotations;

using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Features.Availability;
using Scheduling.Application.Features.Bookings;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Referrals;

namespace Scheduling.Web.Models.Bookings;

/// <summary>The booking form's fields, named as the command's so result field errors land beside them.</summary>
public sealed class BookSlotForm
{
    [Display(Name = "Slot")]
    public Guid? SlotId { get; set; }

    /// <summary>The IR physician chosen in the slot filter; null to assign fairly.</summary>
    [Display(Name = "IR physician")]
    public Guid? PhysicianId { get; set; }

    [Display(Name = "Reason for booking inside the lead time")]
    public string? LeadTimeOverrideReason { get; set; }
}

public sealed class BookFromSlotForm
{
    [Display(Name = "Referral")]
    public Guid? ReferralId { get; set; }

    [Display(Name = "IR physician")]
    public Guid? PhysicianId { get; set; }

    [Display(Name = "Reason for booking inside the lead time")]
    public string? LeadTimeOverrideReason { get; set; }
}

public sealed class RescheduleForm
{
    [Display(Name = "New slot")]
    public Guid? NewSlotId { get; set; }

    /// <summary>The IR physician chosen in the slot filter; null to keep the booking's own when free, else assign fairly.</summary>
    [Display(Name = "IR physician")]
    public Guid? PhysicianId { get; set; }

    [Display(Name = "Reason for booking inside the lead time")]
    public string? LeadTimeOverrideReason { get; set; }
}

/// <summary>A call to the patient, noted on the timeline.</summary>
public sealed class CallLogForm
{
    [Display(Name = "How the call went")]
    public CallOutcome? Outcome { get; set; }

    [Display(Name = "Note (optional)")]
    public string? Note { get; set; }

    [Display(Name = "An interpreter was on the call")]
    public bool WithInterpreter { get; set; }

    public static IReadOnlyList<CallOutcome> Outcomes { get; } = Enum.GetValues<CallOutcome>();
}

public sealed class CancelForm
{
    [Display(Name = "Reason for cancelling")]
    public string? Reason { get; set; }
}

/// <summary>The free-slot filter (GET): one room or all, from a clinic-local date, one IR physician or any.</summary>
public sealed record SlotFilter(Guid? RoomId, DateOnly? From, Guid? PhysicianId = null);

public sealed record BookReferralViewModel(GetBookingOptions.Options Options, SlotFilter Filter, BookSlotForm Form)
{
    /// <summary>The reason field appears only when a listed slot needs it (or it was asked for).</summary>
    public bool ShowOverride(bool askedFor) => askedFor || Options.FreeSlots.Any(s => s.InsideLeadTime);
}

public sealed record BookFromSlotViewModel(GetSlotBookingOptions.Options Options, BookFromSlotForm Form);

public sealed record BookingDetailViewModel(GetBooking.Detail Booking, CancelForm Cancel)
{
    public CallLogForm Call { get; init; } = new();
}

public sealed record RescheduleViewModel(
    GetBooking.Detail Booking,
    FindFreeSlots.View Free,
    IReadOnlyList<GetBookingOptions.RoomChoice> Rooms,
    SlotFilter Filter,
    RescheduleForm Form)
{
    public IReadOnlyList<FindFreeSlots.FreeSlot> FreeSlots => Free.Slots;
}

public sealed record BookingListViewModel(ListBookings.Page Page, BookingStatus? Status)
{
    public IReadOnlyList<ListBookings.Row> Rows => Page.Rows;

    public static IReadOnlyList<BookingStatus> Statuses { get; } = Enum.GetValues<BookingStatus>();
}

/// <summary>The radio list of bookable slots shared by the book and reschedule pages, and the free slots passed over with why.</summary>
public sealed record FreeSlotListViewModel(IReadOnlyList<FindFreeSlots.FreeSlot> Slots, string FieldName, Guid? Selected)
{
    public IReadOnlyList<FindFreeSlots.NotOffered> NotOffered { get; init; } = [];
}

/// <summary>The room/date/physician filter form shared by the book and reschedule pages.</summary>
public sealed record SlotFilterViewModel(IReadOnlyList<GetBookingOptions.RoomChoice> Rooms, SlotFilter Filter, string Action)
{
    public IReadOnlyList<PhysicianChoice> Physicians { get; init; } = [];

    /// <summary>What "no physician chosen" means on this page.</summary>
    public string AnyPhysician { get; init; } = "Any (assigned fairly)";
}
