using System.Text.Json;

using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Common.Results;
using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Resources;
using Scheduling.Web.Models.Resources;
using Scheduling.Web.Security;

namespace Scheduling.Web.Controllers;

/// <summary>
/// Admin → Capacity: what a TACE needs, and the recovery units, IR physicians and sedation nurses with
/// their weekly hours and time away; a room's part-day closures too. An IR physician or nurse linked
/// to a staff account enters their own time away at "My availability".
/// </summary>
[Authorize]
public sealed class CapacityController(IMediator mediator) : Controller
{
    private const string HitsKey = "BookingsHit";

    [Authorize(Policy = Policies.Admin)]
    [HttpGet("admin/capacity")]
    public async Task<IActionResult> Index(CancellationToken ct) => await IndexView(null, new NewResourceForm(), ct);

    [Authorize(Policy = Policies.Admin)]
    [HttpPost("admin/capacity/requirements")]
    public async Task<IActionResult> SaveRequirements([Bind(Prefix = "Requirements")] RequirementsForm form, CancellationToken ct)
    {
        var result = await mediator.Send(new SaveProcedureRequirements.Command(form.Physician, form.SedationNurse, form.RecoveryBay, form.RecoveryMinutes), ct);
        if (result.Error is { } error)
        {
            ModelState.AddErrors(error, prefix: "Requirements.");
            return (await IndexView(form, new NewResourceForm(), ct)).Refused();
        }

        TempData["Flash"] = "What a TACE needs is saved; it applies to bookings made from now on.";
        return RedirectToAction(nameof(Index));
    }

    [Authorize(Policy = Policies.Admin)]
    [HttpPost("admin/capacity")]
    public async Task<IActionResult> Add([Bind(Prefix = "NewResource")] NewResourceForm form, CancellationToken ct)
    {
        var result = await mediator.Send(new AddResource.Command(form.Kind, form.Name, form.Bays, form.UserId), ct);
        if (result.Failed(out var error, out var id))
        {
            ModelState.AddErrors(error, prefix: "NewResource.");
            return (await IndexView(null, form, ct)).Refused();
        }

        TempData["Flash"] = $"\"{form.Name!.Trim()}\" added, available Monday to Friday 07:00–19:00; change the hours below.";
        return RedirectToAction(nameof(Show), new { id });
    }

    [Authorize(Policy = Policies.Admin)]
    [HttpGet("admin/capacity/{id:guid}")]
    public async Task<IActionResult> Show(Guid id, CancellationToken ct) => await ResourceView(new GetResource.Query(id), null, null, null, ct);

    [Authorize(Roles = Roles.Admin + "," + Roles.Radiologist + "," + Roles.Scheduler)]
    [HttpGet("my-availability")]
    public async Task<IActionResult> Mine(CancellationToken ct) => await ResourceView(new GetResource.Query(null, Mine: true), null, null, null, ct);

    [Authorize(Policy = Policies.Admin)]
    [HttpPost("admin/capacity/{id:guid}")]
    public async Task<IActionResult> Change(Guid id, [Bind(Prefix = "Change")] ChangeResourceForm form, CancellationToken ct)
    {
        var result = await mediator.Send(new ChangeResource.Command(id, form.Name, form.Bays, form.UserId, form.InUse), ct);
        if (result.Failed(out var error, out var hits))
        {
            ModelState.AddErrors(error, prefix: "Change.");
            return (await ResourceView(new GetResource.Query(id), form, null, null, ct)).Refused();
        }

        return Saved(id, "Saved.", hits);
    }

    [Authorize(Policy = Policies.Admin)]
    [HttpPost("admin/capacity/{id:guid}/hours")]
    public async Task<IActionResult> SaveHours(Guid id, [Bind(Prefix = "Hours")] HoursForm form, CancellationToken ct)
    {
        var days = form.Days.Select(d => new SaveWeeklyHours.Day(d.Weekday, d.Works, d.From, d.To)).ToList();
        var result = await mediator.Send(new SaveWeeklyHours.Command(id, days), ct);
        if (result.Failed(out var error, out var hits))
        {
            ModelState.AddErrors(error, prefix: "Hours.");
            return (await ResourceView(new GetResource.Query(id), null, form, null, ct)).Refused();
        }

        return Saved(id, "Weekly hours saved.", hits);
    }

    [Authorize(Roles = Roles.Admin + "," + Roles.Radiologist + "," + Roles.Scheduler)]
    [HttpPost("capacity/{id:guid}/away")]
    public async Task<IActionResult> AddAway(Guid id, [Bind(Prefix = "Away")] AwayForm form, CancellationToken ct)
    {
        var result = await mediator.Send(new AddUnavailability.Command(id, form.Date, form.From, form.To, form.Kind, form.Note, form.RepeatWeeks), ct);
        if (result.Failed(out var error, out var added))
        {
            ModelState.AddErrors(error, prefix: "Away.");
            return (await ResourceView(new GetResource.Query(id), null, null, form, ct)).Refused();
        }

        var what = added.Occurrences == 1 ? "Time away entered." : $"Time away entered for {added.Occurrences} weeks.";
        return Saved(id, what, added.BookingsHit);
    }

    [Authorize(Roles = Roles.Admin + "," + Roles.Radiologist + "," + Roles.Scheduler)]
    [HttpPost("capacity/away/{awayId:guid}/remove")]
    public async Task<IActionResult> RemoveAway(Guid awayId, CancellationToken ct)
    {
        var result = await mediator.Send(new RemoveUnavailability.Command(awayId), ct);
        if (result.Failed(out var error, out var resourceId))
        {
            return this.ErrorPage(error);
        }

        TempData["Flash"] = "Removed; that time is offered again.";
        return User.IsInRole(Roles.Admin) ? RedirectToAction(nameof(Show), new { id = resourceId }) : RedirectToAction(nameof(Mine));
    }

    private IActionResult Saved(Guid id, string flash, IReadOnlyList<BookingHit> hits)
    {
        TempData["Flash"] = hits.Count == 0 ? flash : $"{flash} {hits.Count} booking(s) need another time: they are listed below.";
        if (hits.Count > 0)
        {
            TempData[HitsKey] = JsonSerializer.Serialize(hits);
        }

        return User.IsInRole(Roles.Admin) ? RedirectToAction(nameof(Show), new { id }) : RedirectToAction(nameof(Mine));
    }

    private async Task<IActionResult> IndexView(RequirementsForm? requirements, NewResourceForm newResource, CancellationToken ct)
    {
        var result = await mediator.Send(new ListResources.Query(), ct);
        return this.Render(result, page => View("Index", new CapacityIndexViewModel(
            page,
            requirements ?? new RequirementsForm
            {
                Physician = page.Requirements.Physician,
                SedationNurse = page.Requirements.SedationNurse,
                RecoveryBay = page.Requirements.RecoveryBay,
                RecoveryMinutes = page.Requirements.RecoveryMinutes,
            },
            newResource)));
    }

    private async Task<IActionResult> ResourceView(GetResource.Query query, ChangeResourceForm? change, HoursForm? hours, AwayForm? away, CancellationToken ct)
    {
        var result = await mediator.Send(query, ct);
        if (result.Failed(out var error, out var resource))
        {
            if (query.Mine && error.Kind == ErrorKind.NotFound)
            {
                // Not a missing record but an account not linked yet (the nav offers this page to every
                // radiologist): a page that says so and what to do, not a "not found".
                ViewData["Message"] = error.Message;
                return View("NotLinked");
            }

            return this.ErrorPage(error);
        }

        IReadOnlyList<ListResources.Account> accounts = [];
        if (resource.IsAdmin)
        {
            var list = await mediator.Send(new ListResources.Query(), ct);
            if (!list.Failed(out _, out var page))
            {
                accounts = page.StaffAccounts;
            }
        }

        var hits = TempData[HitsKey] is string json ? JsonSerializer.Deserialize<List<BookingHit>>(json) ?? [] : [];
        return View("Resource", new ResourcePageViewModel(
            resource,
            accounts,
            change ?? new ChangeResourceForm { Name = resource.Name, Bays = resource.Bays, UserId = resource.UserId, InUse = resource.IsActive },
            hours ?? HoursForm.From(resource.Hours),
            away ?? new AwayForm(),
            hits));
    }
}
