using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.RateLimiting;

using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Languages;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Confirmation;
using Scheduling.Domain.Messaging;
using Scheduling.Web.Models.Confirmation;
using Scheduling.Web.Security;

namespace Scheduling.Web.Controllers;

/// <summary>
/// The patient's appointment page behind the emailed link. GET only shows (mail scanners open links);
/// confirm, ask for another date, cancel and the text settings are antiforgery-protected POSTs. Every
/// link that does not work (expired, used up, replaced by a reschedule) gets the same neutral page.
/// Every word is in the patient's language, the one of the booking the link belongs to (never the
/// browser's); the neutral page says it in every patient language, the patient's first.
/// </summary>
[AllowAnonymous]
[Route("p/{token}")]
[EnableRateLimiting(RateLimits.PatientLink)]
public sealed class PatientLinkController(IMediator mediator, ClinicOptions clinic, PatientTexts texts) : Controller
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
        await AppointmentPage(token, new ConfirmFormViewModel(), new TextSettingsFormViewModel(), ct);

    [HttpPost("confirm")]
    public async Task<IActionResult> Confirm(string token, [Bind(Prefix = "Confirm")] ConfirmFormViewModel form, CancellationToken ct)
    {
        var known = await KnownLanguageAsync(token, ct);
        var language = known ?? PatientLanguages.English;
        var result = await mediator.Send(new ConfirmAppointment.Command(token, form.Ticked, language), ct);
        if (result.Failed(out var error, out var outcome))
        {
            if (error.Kind != ErrorKind.Validation)
            {
                return Refused(error, known);
            }

            ModelState.AddErrors(error, prefix: "Confirm.");
            return await AppointmentPage(token, form, new TextSettingsFormViewModel(), ct, shown: error);
        }

        // The confirmed page repeats what the patient has just agreed to: date, time, arrival, place.
        var confirmed = await mediator.Send(new ViewPatientAppointment.Query(token), ct);
        var appointment = confirmed.Failed(out _, out var shownAgain) ? null : shownAgain;
        return outcome == ConfirmOutcome.AlreadyConfirmed
            ? Message(language, "Done.AlreadyConfirmed", appointment)
            : Message(language, "Done.Confirmed", appointment);
    }

    /// <summary>The appointment for the patient's calendar, as it stands now (tentative, then confirmed), in the patient's language.</summary>
    [HttpGet("calendar")]
    public async Task<IActionResult> Calendar(string token, CancellationToken ct)
    {
        var result = await mediator.Send(new DownloadAppointmentCalendar.Query(token), ct);
        return result.Failed(out var error, out var file)
            ? Refused(error, await KnownLanguageAsync(token, ct))
            : File(file.Content, "text/calendar; charset=utf-8", file.FileName);
    }

    [HttpGet("another-date")]
    public async Task<IActionResult> AnotherDate(string token, CancellationToken ct) =>
        await ChangePage(token, "AnotherDate", new AnotherDateFormViewModel(), new CancelFormViewModel(), ct);

    [HttpPost("reschedule")]
    public async Task<IActionResult> Reschedule(string token, [Bind(Prefix = "AnotherDate")] AnotherDateFormViewModel form, CancellationToken ct)
    {
        var known = await KnownLanguageAsync(token, ct);
        var language = known ?? PatientLanguages.English;
        var result = await mediator.Send(new RequestAnotherDate.Command(token, form.Days, form.TimeOfDay, form.Note, language), ct);
        if (result.Error is { Kind: ErrorKind.Validation } invalid)
        {
            ModelState.AddErrors(invalid, prefix: "AnotherDate.");
            return await ChangePage(token, "AnotherDate", form, new CancelFormViewModel(), ct, shown: invalid);
        }

        return result.Error is { } error ? Refused(error, known) : Message(language, "Done.AnotherDate");
    }

    /// <summary>The second screen: cancelling is final, so the patient sees what they cancel and can keep it.</summary>
    [HttpGet("cancel")]
    public async Task<IActionResult> ConfirmCancel(string token, CancellationToken ct) =>
        await ChangePage(token, "Cancel", new AnotherDateFormViewModel(), new CancelFormViewModel(), ct);

    [HttpPost("cancel")]
    public async Task<IActionResult> Cancel(string token, [Bind(Prefix = "Cancel")] CancelFormViewModel form, CancellationToken ct)
    {
        var known = await KnownLanguageAsync(token, ct);
        var language = known ?? PatientLanguages.English;
        var result = await mediator.Send(new CancelAppointment.Command(token, form.Reason, language), ct);
        if (result.Error is { } error)
        {
            if (error.Kind != ErrorKind.Validation)
            {
                return Refused(error, known);
            }

            ModelState.AddErrors(error, prefix: "Cancel.");
            return await ChangePage(token, "Cancel", new AnotherDateFormViewModel(), form, ct, shown: error);
        }

        return Message(language, "Done.Cancelled");
    }

    /// <summary>The patient changes the mobile number texts go to, or turns texts on or off.</summary>
    [HttpPost("texts")]
    public async Task<IActionResult> Texts(string token, [Bind(Prefix = "Texts")] TextSettingsFormViewModel form, CancellationToken ct)
    {
        var known = await KnownLanguageAsync(token, ct);
        var language = known ?? PatientLanguages.English;
        var result = await mediator.Send(new ChangeTextSettings.Command(token, form.Mobile, form.Consent, language), ct);
        if (result.Error is { } error)
        {
            if (error.Kind != ErrorKind.Validation)
            {
                return Refused(error, known);
            }

            ModelState.AddErrors(error, prefix: "Texts.");
            return await AppointmentPage(token, new ConfirmFormViewModel(), form, ct, shown: error);
        }

        TempData["PatientFlash"] = "texts";
        return RedirectToAction(nameof(Show), new { token });
    }

    /// <summary>The appointment page; <paramref name="shown"/> is the refused input it shows again, if any.</summary>
    private async Task<IActionResult> AppointmentPage(string token, ConfirmFormViewModel confirm, TextSettingsFormViewModel textSettings, CancellationToken ct, Error? shown = null)
    {
        var result = await mediator.Send(new ViewPatientAppointment.Query(token), ct);
        if (result.Failed(out var error, out var appointment))
        {
            return Refused(error, await KnownLanguageAsync(token, ct));
        }

        if (shown is null || !shown.FieldErrors.Keys.Any(k => k.StartsWith(nameof(ChangeTextSettings.Command.Mobile), StringComparison.Ordinal)))
        {
            textSettings = TextSettingsFormViewModel.From(appointment.Texts);
        }

        ViewData["Lang"] = appointment.Language;
        return View("Show", new PatientAppointmentViewModel(token, appointment, confirm, new CancelFormViewModel())
        {
            Texts = textSettings,
            TextsSaved = TempData["PatientFlash"] as string == "texts",
        }).WithStatusOf(shown);
    }

    private async Task<IActionResult> ChangePage(string token, string view, AnotherDateFormViewModel anotherDate, CancelFormViewModel cancel, CancellationToken ct, Error? shown = null)
    {
        var result = await mediator.Send(new ViewPatientAppointment.Query(token), ct);
        if (result.Failed(out var error, out var appointment))
        {
            return Refused(error, await KnownLanguageAsync(token, ct));
        }

        ViewData["Lang"] = appointment.Language;
        return View(view, new PatientChangeViewModel(token, appointment, anotherDate, cancel)).WithStatusOf(shown);
    }

    /// <summary>The language of the link's patient, or null for a token that never existed.</summary>
    private async Task<string?> KnownLanguageAsync(string token, CancellationToken ct) =>
        await mediator.Send(new GetPatientLinkLanguage.Query(token), ct);

    private IActionResult Refused(Error error, string? language)
    {
        // One page for every link that does not work, so it tells nothing about why.
        if (error.Kind == ErrorKind.Conflict)
        {
            return Message(language ?? PatientLanguages.English, "Link.Changed", text: error.Message).WithStatusOf(ErrorKind.Conflict);
        }

        // The same page for every link that does not work, in every patient language (the patient's own
        // first when the link was ours): a stranger's token tells nothing, and whoever holds an old link
        // reads it in their language.
        var primary = language ?? PatientLanguages.English;
        var page = Message(primary, "Link.Expired");
        if (page.Model is PatientMessageViewModel model)
        {
            page.ViewData.Model = model with
            {
                OtherLanguages = PatientLanguages.Supported.Where(l => l != primary)
                    .Select(l => new PatientMessageInOtherLanguage(l, texts[l, "Link.Expired.Title"], texts[l, "Link.Expired.Text"]))
                    .ToList(),
            };
        }

        return page.WithStatusOf(ErrorKind.NotFound);
    }

    /// <summary>A page of one title (<c>{key}.Title</c>) and one paragraph (<c>{key}.Text</c>, or <paramref name="text"/>).</summary>
    private ViewResult Message(string language, string key, PatientAppointment? appointment = null, string? text = null)
    {
        ViewData["Lang"] = language;
        return View("Message", new PatientMessageViewModel(language, texts[language, key + ".Title"], text ?? texts[language, key + ".Text"], clinic.Name, clinic.Phone)
        {
            Appointment = appointment,
        });
    }
}
