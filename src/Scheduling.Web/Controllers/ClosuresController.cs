using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Features.Closures;
using Scheduling.Web.Models.Schedules;
using Scheduling.Web.Security;

namespace Scheduling.Web.Controllers;

[Authorize(Policy = Policies.Admin)]
[Route("admin/closures")]
public sealed class ClosuresController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => await IndexView(new ClosureForm(), ct);

    [HttpPost("")]
    public async Task<IActionResult> Add([Bind(Prefix = "NewClosure")] ClosureForm form, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await mediator.Send(new AddClosure.Command(form.RoomId, form.From, form.To, form.Reason), ct);
            if (result.Error is null)
            {
                TempData["Flash"] = "Closure added.";
                return RedirectToAction(nameof(Show), new { id = result.Value });
            }

            ModelState.AddErrors(result.Error, prefix: "NewClosure.");
        }

        return (await IndexView(form, ct)).Refused();
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Show(Guid id, CancellationToken ct)
    {
        var result = await mediator.Send(new GetClosure.Query(id), ct);
        return result.Error is { } error ? this.ErrorPage(error) : View(result.Value);
    }

    [HttpPost("{id:guid}/remove")]
    public async Task<IActionResult> Remove(Guid id, CancellationToken ct)
    {
        var result = await mediator.Send(new RemoveClosure.Command(id), ct);
        if (result.Error is { } error)
        {
            return this.ErrorPage(error);
        }

        TempData["Flash"] = $"Closure removed: {result.Value.Created} slots reopened, {result.Value.Restored} booked slots restored.";
        return RedirectToAction(nameof(Index));
    }

    private async Task<ViewResult> IndexView(ClosureForm form, CancellationToken ct)
    {
        var data = await mediator.Send(new ListClosures.Query(), ct);
        return View("Index", new ClosuresViewModel(data.Value, form));
    }
}
