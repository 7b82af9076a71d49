using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Messaging;
using Scheduling.Web.Models.MessageTemplates;
using Scheduling.Web.Security;

namespace Scheduling.Web.Controllers;

[Authorize(Policy = Policies.Admin)]
[Route("admin/templates")]
public sealed class MessageTemplatesController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View((await mediator.Send(new ListMessageTemplates.Query(), ct)).Value);

    /// <param name="language">The text's language (patient messages: each patient language; staff messages: English).</param>
    [HttpGet("{kind}")]
    public async Task<IActionResult> Edit(string kind, string? language, CancellationToken ct)
    {
        language ??= PatientLanguages.English;
        var result = await mediator.Send(new GetMessageTemplate.Query(kind, language), ct);
        if (result.Error is { } error)
        {
            return this.ErrorPage(error);
        }

        var form = ToForm(result.Value, language);
        var preview = await mediator.Send(new PreviewMessageTemplate.Query(kind, form.Subject, form.Body, language), ct);
        form.PreviewSubject = preview.Value.Subject;
        form.PreviewBody = preview.Value.Body;
        return View(form);
    }

    /// <summary>One form, two buttons: "Preview" renders without saving, "Save" stores the text.</summary>
    [HttpPost("{kind}")]
    public async Task<IActionResult> Edit(string kind, string? language, MessageTemplateFormViewModel form, string? intent, CancellationToken ct)
    {
        language ??= PatientLanguages.English;
        var current = await mediator.Send(new GetMessageTemplate.Query(kind, language), ct);
        if (current.Error is { } notFound)
        {
            return this.ErrorPage(notFound);
        }

        var shown = ToForm(current.Value, language);
        shown.Subject = form.Subject;
        shown.Body = form.Body;

        if (intent == "save")
        {
            var saved = await mediator.Send(new SaveMessageTemplate.Command(kind, form.Subject, form.Body, language), ct);
            if (saved.Error is null)
            {
                TempData["Flash"] = "Template saved. New messages use it from now on.";
                return RedirectToAction(nameof(Edit), new { kind, language });
            }

            ModelState.AddErrors(saved.Error);
            return View(shown).Refused();
        }

        var preview = await mediator.Send(new PreviewMessageTemplate.Query(kind, form.Subject, form.Body, language), ct);
        if (preview.Error is { } invalid)
        {
            ModelState.AddErrors(invalid);
            return View(shown).Refused();
        }

        shown.PreviewSubject = preview.Value.Subject;
        shown.PreviewBody = preview.Value.Body;
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
