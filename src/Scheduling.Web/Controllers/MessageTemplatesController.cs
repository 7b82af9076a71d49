using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Messaging;
using Scheduling.Web.Models.Messaging;
using Scheduling.Web.Security;

namespace Scheduling.Web.Controllers;

[Authorize(Policy = Policies.Admin)]
[Route("admin/templates")]
public sealed class MessageTemplatesController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        this.Render(await mediator.Send(new ListMessageTemplates.Query(), ct), rows => View(rows));

    /// <param name="language">The text's language (patient messages: each patient language; staff messages: English).</param>
    [HttpGet("{kind}")]
    public async Task<IActionResult> Edit(string kind, string? language, CancellationToken ct)
    {
        language ??= PatientLanguages.English;
        var result = await mediator.Send(new GetMessageTemplate.Query(kind, language), ct);
        if (result.Failed(out var error, out var template))
        {
            return this.ErrorPage(error);
        }

        var form = ToForm(template, language);
        var preview = await mediator.Send(new PreviewMessageTemplate.Query(kind, form.Subject, form.Body, language), ct);
        if (preview.Failed(out var invalid, out var rendered))
        {
            // The saved text no longer renders (a placeholder was retired): show the form with the reason.
            ModelState.AddErrors(invalid);
            return View(form).Refused();
        }

        form.PreviewSubject = rendered.Subject;
        form.PreviewBody = rendered.Body;
        return View(form);
    }

    /// <summary>One form, two buttons: "Preview" renders without saving, "Save" stores the text.</summary>
    [HttpPost("{kind}")]
    public async Task<IActionResult> Edit(string kind, string? language, MessageTemplateFormViewModel form, string? intent, CancellationToken ct)
    {
        language ??= PatientLanguages.English;
        var current = await mediator.Send(new GetMessageTemplate.Query(kind, language), ct);
        if (current.Failed(out var notFound, out var template))
        {
            return this.ErrorPage(notFound);
        }

        var shown = ToForm(template, language);
        shown.Subject = form.Subject;
        shown.Body = form.Body;

        if (intent == "save")
        {
            var saved = await mediator.Send(new SaveMessageTemplate.Command(kind, form.Subject, form.Body, language), ct);
            if (saved.Error is not { } refused)
            {
                TempData["Flash"] = "Template saved. New messages use it from now on.";
                return RedirectToAction(nameof(Edit), new { kind, language });
            }

            ModelState.AddErrors(refused);
            return View(shown).Refused();
        }

        var preview = await mediator.Send(new PreviewMessageTemplate.Query(kind, form.Subject, form.Body, language), ct);
        if (preview.Failed(out var invalid, out var rendered))
        {
            ModelState.AddErrors(invalid);
            return View(shown).Refused();
        }

        shown.PreviewSubject = rendered.Subject;
        shown.PreviewBody = rendered.Body;
        return View(shown);
    }

    [HttpPost("{kind}/reset")]
    public async Task<IActionResult> Reset(string kind, string? language, CancellationToken ct)
    {
        language ??= PatientLanguages.English;
        var result = await mediator.Send(new ResetMessageTemplate.Command(kind, language), ct);
        if (result.Error is { } error)
        {
            return this.ErrorPage(error);
        }

        TempData["Flash"] = "Back to the built-in text.";
        return RedirectToAction(nameof(Edit), new { kind, language });
    }

    /// <summary>The form for one language; a language without its own text starts from the English that patients get meanwhile.</summary>
    private static MessageTemplateFormViewModel ToForm(EffectiveTemplate template, string language) => new()
    {
        Kind = template.Info.Kind,
        Subject = template.Subject,
        Body = template.Body,
        Audience = template.Info.Audience,
        Channel = template.Info.Channel,
        Placeholders = template.Info.Placeholders,
        IsCustomized = template.IsCustomized && !template.FallsBackToEnglish,
        Language = language,
        Languages = TemplateLanguages.For(template.Info),
        FallsBackToEnglish = template.FallsBackToEnglish,
    };
}
