using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Availability;
using Scheduling.Application.Features.Bookings;
using Scheduling.Application.Features.Rooms;
using Scheduling.Domain.Bookings;
using Scheduling.Web.Models.Bookings;
using Scheduling.Web.Security;

namespace Scheduling.Web.Controllers;

/// <summary>
/// Schedulers book, move and close appointments. A lost race (slot just taken) re-renders the page
/// with fresh free slots and HTTP 409; invalid input re-renders with 422 and the message beside its field.
/// </summary>
[Authorize(Policy = Policies.SchedulingStaff)]
[Route("scheduling")]
public sealed class BookingsController(IMediator mediator) : Controller
{
    [HttpGet("referrals/{referralId:guid}/book")]
    public Task<IActionResult> Book(Guid referralId, Guid? roomId, DateOnly? from, Guid? physicianId, CancellationToken ct) =>
        BookView(referralId, new SlotFilter(roomId, from, physicianId), new BookSlotForm { PhysicianId = physicianId }, shown: null, ct);

    [HttpPost("referrals/{referralId:guid}/book")]
    public async Task<IActionResult> Book(Guid referralId, BookSlotForm form, Guid? filterRoomId, DateOnly? filterFrom, CancellationToken ct)
    {
        var result = await mediator.Send(new BookSlot.Command(referralId, form.SlotId ?? Guid.Empty, form.LeadTimeOverrideReason, form.PhysicianId), ct);
        if (result.Failed(out var error, out var bookingId))
        {
            return error.Kind == ErrorKind.NotFound
                ? this.ErrorPage(error)
                : await BookView(referralId, new SlotFilter(filterRoomId, filterFrom, form.PhysicianId), Refused(error, form), error, ct);
        }

        TempData["Flash"] = "Booked. The patient has been sent the confirmation email.";
        return RedirectToAction(nameof(Show), new { id = bookingId });
    }

    [HttpGet("book")]
    public Task<IActionResult> BookSlot(Guid slotId, Guid? physicianId, CancellationToken ct) =>
        BookFromSlotView(slotId, new BookFromSlotForm { PhysicianId = physicianId }, shown: null, ct);

    [HttpPost("book")]
    public async Task<IActionResult> BookSlot(Guid slotId, BookFromSlotForm form, CancellationToken ct)
    {
        var result = await mediator.Send(new BookSlot.Command(form.ReferralId ?? Guid.Empty, slotId, form.LeadTimeOverrideReason, form.PhysicianId), ct);
        if (result.Failed(out var error, out var bookingId))
        {
            if (error.Kind == ErrorKind.NotFound)
            {
                return this.ErrorPage(error);
            }

            AddErrors(error);
            return await BookFromSlotView(slotId, form, error, ct);
        }

        TempData["Flash"] = "Booked. The patient has been sent the confirmation email.";
        return RedirectToAction(nameof(Show), new { id = bookingId });
    }

    [HttpGet("bookings")]
    public async Task<IActionResult> Index(BookingStatus? status, int? page, CancellationToken ct)
    {
        var result = await mediator.Send(new ListBookings.Query(status, Page: page ?? 1), ct);
        return this.Render(result, list => View("Index", new BookingListViewModel(list, status)));
    }

    [HttpGet("bookings/{id:guid}")]
    public Task<IActionResult> Show(Guid id, CancellationToken ct) => DetailView(id, new CancelForm(), shown: null, ct);

    [HttpGet("bookings/{id:guid}/reschedule")]
    public Task<IActionResult> Reschedule(Guid id, Guid? roomId, DateOnly? from, Guid? physicianId, CancellationToken ct) =>
        RescheduleView(id, new SlotFilter(roomId, from, physicianId), new RescheduleForm { PhysicianId = physicianId }, shown: null, ct);

    [HttpPost("bookings/{id:guid}/reschedule")]
    public async Task<IActionResult> Reschedule(Guid id, RescheduleForm form, Guid? filterRoomId, DateOnly? filterFrom, CancellationToken ct)
    {
        var result = await mediator.Send(new RescheduleBooking.Command(id, form.NewSlotId ?? Guid.Empty, form.LeadTimeOverrideReason, form.PhysicianId), ct);
        if (result.Error is { } error)
        {
            if (error.Kind == ErrorKind.NotFound)
            {
                return this.ErrorPage(error);
            }

            AddErrors(error);
            // The list the scheduler chose from is shown again; after a lost race without the taken slot.
            var kept = error.Kind == ErrorKind.Conflict ? new RescheduleForm { LeadTimeOverrideReason = form.LeadTimeOverrideReason, PhysicianId = form.PhysicianId } : form;
            return await RescheduleView(id, new SlotFilter(filterRoomId, filterFrom, form.PhysicianId), kept, error, ct);
        }

        TempData["Flash"] = "Rescheduled. The patient has been sent the new time to confirm.";
        return RedirectToAction(nameof(Show), new { id });
    }

    [HttpPost("bookings/{id:guid}/cancel")]
    public async Task<IActionResult> Cancel(Guid id, CancelForm form, CancellationToken ct)
    {
        var result = await mediator.Send(new CancelBooking.Command(id, form.Reason), ct);
        if (result.Error is { } error)
        {
            if (error.Kind == ErrorKind.NotFound)
            {
                return this.ErrorPage(error);
            }

            ModelState.AddErrors(error);
            return await DetailView(id, form, error, ct);
        }

        TempData["Flash"] = "Booking cancelled; the slot is free and the referral is back in the scheduling queue.";
        return RedirectToAction(nameof(Show), new { id });
    }

    [HttpPost("bookings/{id:guid}/calls")]
    public async Task<IActionResult> LogCall(Guid id, CallLogForm form, CancellationToken ct)
    {
        var result = await mediator.Send(new LogPatientCall.Command(id, form.Outcome, form.Note, form.WithInterpreter), ct);
        if (result.Error is { } error)
        {
            if (error.Kind == ErrorKind.NotFound)
            {
                return this.ErrorPage(error);
            }

            ModelState.AddErrors(error);
            return await DetailView(id, new CancelForm(), error, ct, form);
        }

        TempData["Flash"] = "Call noted on the timeline.";
        return RedirectToAction(nameof(Show), new { id });
    }

    [HttpPost("bookings/{id:guid}/complete")]
    public Task<IActionResult> Complete(Guid id, CancellationToken ct) =>
        RecordOutcome(id, ProcedureOutcome.Completed, "Marked as completed; the referring doctor is told.", ct);

    [HttpPost("bookings/{id:guid}/no-show")]
    public Task<IActionResult> NoShow(Guid id, CancellationToken ct) =>
        RecordOutcome(id, ProcedureOutcome.NoShow, "Marked as a no-show; the referral is back in the scheduling queue.", ct);

    private async Task<IActionResult> RecordOutcome(Guid id, ProcedureOutcome outcome, string flash, CancellationToken ct)
    {
        var result = await mediator.Send(new RecordOutcome.Command(id, outcome), ct);
        if (result.Error is { } error)
        {
            if (error.Kind == ErrorKind.NotFound)
            {
                return this.ErrorPage(error);
            }

            ModelState.AddErrors(error);
            return await DetailView(id, new CancelForm(), error, ct);
        }

        TempData["Flash"] = flash;
        return RedirectToAction(nameof(Show), new { id });
    }

    private BookSlotForm Refused(Error error, BookSlotForm form)
    {
        AddErrors(error);

        // The slot the scheduler chose is kept only when it is still worth offering.
        return error.Kind == ErrorKind.Conflict ? new BookSlotForm { LeadTimeOverrideReason = form.LeadTimeOverrideReason, PhysicianId = form.PhysicianId } : form;
    }

    /// <summary>A lost race is about the whole page (the list is refreshed), so it goes at the top, not beside a radio button.</summary>
    private void AddErrors(Error error)
    {
        if (error.Kind == ErrorKind.Conflict)
        {
            ModelState.AddModelError(string.Empty, error.Message);
            return;
        }

        ModelState.AddErrors(error);
    }

    private async Task<IActionResult> BookView(Guid referralId, SlotFilter filter, BookSlotForm form, Error? shown, CancellationToken ct)
    {
        var options = await mediator.Send(new GetBookingOptions.Query(referralId, filter.RoomId, filter.From, filter.PhysicianId), ct);
        return this.Render(options, choices => View("Book", new BookReferralViewModel(choices, filter, form)).WithStatusOf(shown));
    }

    private async Task<IActionResult> BookFromSlotView(Guid slotId, BookFromSlotForm form, Error? shown, CancellationToken ct)
    {
        var options = await mediator.Send(new GetSlotBookingOptions.Query(slotId, form.PhysicianId), ct);
        return this.Render(options, choices => View("BookSlot", new BookFromSlotViewModel(choices, form)).WithStatusOf(shown));
    }

    private async Task<IActionResult> DetailView(Guid id, CancelForm cancel, Error? shown, CancellationToken ct, CallLogForm? call = null)
    {
        var detail = await mediator.Send(new GetBooking.Query(id), ct);
        return this.Render(detail, booking => View("Show", new BookingDetailViewModel(booking, cancel) { Call = call ?? new CallLogForm() }).WithStatusOf(shown));
    }

    private async Task<IActionResult> RescheduleView(Guid id, SlotFilter filter, RescheduleForm form, Error? shown, CancellationToken ct)
    {
        var detail = await mediator.Send(new GetBooking.Query(id), ct);
        if (detail.Failed(out var error, out var booking))
        {
            return this.ErrorPage(error);
        }

        var free = await mediator.Send(new FindFreeSlots.Query(filter.RoomId, filter.From, PhysicianId: filter.PhysicianId, MovingBookingId: booking.Id), ct);
        if (free.Failed(out var slotsError, out var slots))
        {
            return this.ErrorPage(slotsError);
        }

        var listed = await mediator.Send(new ListRooms.Query(IncludeInactive: false), ct);
        if (listed.Failed(out var roomsError, out var rooms))
        {
            return this.ErrorPage(roomsError);
        }

        return View("Reschedule", new RescheduleViewModel(
            booking,
            slots with { Slots = slots.Slots.Where(s => s.SlotId != booking.SlotId).ToList() },
            rooms.Select(r => new GetBookingOptions.RoomChoice(r.Id, r.Name)).ToList(),
            filter,
            form)).WithStatusOf(shown);
    }
}
