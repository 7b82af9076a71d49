using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Features.Settings;
using Scheduling.Web.Models.Settings;
using Scheduling.Web.Security;

namespace Scheduling.Web.Controllers;

/// <summary>The clinic's settings page: what a clinic changes at work without IT or a restart.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/settings")]
public sealed class SettingsController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        this.Render(await mediator.Send(new GetClinicSettings.Query(), ct), view => View(new SettingsPageViewModel(view, new Dictionary<string, string?>())));

    [HttpPost("")]
    public async Task<IActionResult> Save(SettingsForm form, CancellationToken ct)
    {
        var result = await mediator.Send(new SaveClinicSettings.Command(form.Values), ct);
        if (result.Failed(out var error, out var saved))
        {
            if (error.Kind == Application.Common.Results.ErrorKind.NotFound)
            {
                return this.ErrorPage(error);
            }

            foreach (var (key, messages) in error.FieldErrors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError(key.Length == 0 ? string.Empty : SettingsPageViewModel.FieldName(key), message);
                }
            }

            if (error.FieldErrors.Count == 0)
            {
                ModelState.AddModelError(string.Empty, error.Message);
            }

            var page = await mediator.Send(new GetClinicSettings.Query(), ct);
            return this.Render(page, view => View("Index", new SettingsPageViewModel(view, form.Values)).WithStatusOf(error));
        }

        TempData["Flash"] = saved.Changed.Count == 0
            ? "Nothing changed."
            : $"Saved: {string.Join(", ", saved.Changed)}. In use from now on, on every page and in every email."
                + (saved.RemindersReplanned > 0 ? $" {saved.RemindersReplanned} waiting reminders follow the new times." : string.Empty);
        return RedirectToAction(nameof(Index));
    }
}
