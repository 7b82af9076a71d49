using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.RateLimiting;

using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Confirmation;
using Scheduling.Web.Models.Confirmation;
using Scheduling.Web.Security;

namespace Scheduling.Web.Controllers;

/// <summary>
/// The patient's appointment page behind the emailed link. GET only shows (mail scanners open links);
/// confirm, ask for another date and cancel are antiforgery-protected POSTs. Every link that does not
/// work (unknown, expired, used up, replaced by a reschedule) gets the same neutral page.
/// </summary>
[AllowAnonymous]
[Route("p/{token}")]
[EnableRateLimiting(RateLimits.PatientLink)]
public sealed class PatientLinkController(IMediator mediator, ClinicOptions clinic) : Controller
{
    public override void OnActionExecuting(ActionExecutingContext context)
    {
        // The token is in the URL: no Referer to other sites, no copy in any cache.
        Response.Headers["Referrer-Policy"] = "no-referrer";
        Response.Headers.CacheControl = "no-store";
        Response.Headers.Pragma = "no-cache";
        base.OnActionExecuting(context);
    }

    [HttpGet("")]
    public async Task<IActionResult> Show(string token, CancellationToken ct) =>
        await AppointmentPage(token, new ConfirmFormViewModel(), new CancelFormViewModel(), ct);

    [HttpPost("confirm")]
    public async Task<IActionResult> Confirm(string token, [Bind(Prefix = "Confirm")] ConfirmFormViewModel form, CancellationToken ct)
    {
        var result = await mediator.Send(new ConfirmAppointment.Command(token, form.DriverArranged, form.FastingUnderstood, form.MedicinesListReady), ct);
        if (result.Failed(out var error, out var outcome))
        {
            if (error.Kind != ErrorKind.Validation)
            {
                return Refused(error);
            }

            ModelState.AddErrors(error, prefix: "Confirm.");
            return await AppointmentPage(token, form, new CancelFormViewModel(), ct, shown: error);
        }

        // The confirmed page repeats what the patient has just agreed to: date, time, arrival, place.
        var confirmed = await mediator.Send(new ViewPatientAppointment.Query(token), ct);
        var appointment = confirmed.Failed(out _, out var shownAgain) ? null : shownAgain;
        return outcome == ConfirmOutcome.AlreadyConfirmed
            ? Message("Already confirmed", "Your appointment was already confirmed. Nothing else to do: we look forward to seeing you.", appointment)
            : Message("Thank you: your appointment is confirmed", "Please follow the preparation instructions from your email. If anything changes, call us.", appointment);
    }

    [HttpGet("another-date")]
    public async Task<IActionResult> AnotherDate(string token, CancellationToken ct) =>
        await ChangePage(token, "AnotherDate", new AnotherDateFormViewModel(), new CancelFormViewModel(), ct);

    [HttpPost("reschedule")]
    public async Task<IActionResult> Reschedule(string token, [Bind(Prefix = "AnotherDate")] AnotherDateFormViewModel form, CancellationToken ct)
    {
        var result = await mediator.Send(new RequestAnotherDate.Command(token, form.Days, form.TimeOfDay, form.Note), ct);
        if (result.Error is { Kind: ErrorKind.Validation } invalid)
        {
            ModelState.AddErrors(invalid, prefix: "AnotherDate.");
            return await ChangePage(token, "AnotherDate", form, new CancelFormViewModel(), ct, shown: invalid);
        }

        return result.Error is { } error
            ? Refused(error)
            : Message("We will call you about another date", "Your current appointment stays reserved until we have agreed a new date with you. You will get a new email then.");
    }

    /// <summary>The second screen: cancelling is final, so the patient sees what they cancel and can keep it.</summary>
    [HttpGet("cancel")]
    public async Task<IActionResult> ConfirmCancel(string token, CancellationToken ct) =>
        await ChangePage(token, "Cancel", new AnotherDateFormViewModel(), new CancelFormViewModel(), ct);

    [HttpPost("cancel")]
    public async Task<IActionResult> Cancel(string token, [Bind(Prefix = "Cancel")] CancelFormViewModel form, CancellationToken ct)
    {
        var result = await mediator.Send(new CancelAppointment.Command(token, form.Reason), ct);
        if (result.Error is { } error)
        {
            if (error.Kind != ErrorKind.Validation)
            {
                return Refused(error);
            }

            ModelState.AddErrors(error, prefix: "Cancel.");
            return await ChangePage(token, "Cancel", new AnotherDateFormViewModel(), form, ct, shown: error);
        }

        return Message("Your appointment is cancelled", "We have let your doctor know. To arrange treatment at another time, please call us.");
    }

    /// <summary>The appointment page; <paramref name="shown"/> is the refused input it shows again, if any.</summary>
    private async Task<IActionResult> AppointmentPage(string token, ConfirmFormViewModel confirm, CancelFormViewModel cancel, CancellationToken ct, Error? shown = null)
    {
        var result = await mediator.Send(new ViewPatientAppointment.Query(token), ct);
        return result.Failed(out var error, out var appointment)
            ? Refused(error)
            : View("Show", new PatientAppointmentViewModel(token, appointment, confirm, cancel)).WithStatusOf(shown);
    }

    private async Task<IActionResult> ChangePage(string token, string view, AnotherDateFormViewModel anotherDate, CancelFormViewModel cancel, CancellationToken ct, Error? shown = null)
    {
        var result = await mediator.Send(new ViewPatientAppointment.Query(token), ct);
        return result.Failed(out var error, out var appointment)
            ? Refused(error)
            : View(view, new PatientChangeViewModel(token, appointment, anotherDate, cancel)).WithStatusOf(shown);
    }

    private IActionResult Refused(Error error)
    {
        // One page for every link that does not work, so it tells nothing about why.
        return error.Kind == ErrorKind.Conflict
            ? Message("Your appointment has just changed", error.Message).WithStatusOf(ErrorKind.Conflict)
            : Message("This link no longer works", "Links expire when an appointment is changed, cancelled or has passed. Please call us and we will help.")
                .WithStatusOf(ErrorKind.NotFound);
    }

    private ViewResult Message(string title, string text, PatientAppointment? appointment = null) =>
        View("Message", new PatientMessageViewModel(title, text, clinic.Name, clinic.Phone) { Appointment = appointment });
}
