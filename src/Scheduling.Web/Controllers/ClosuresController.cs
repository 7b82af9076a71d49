using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Features.Closures;
using Scheduling.Web.Models.Closures;
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
            if (!result.Failed(out var error, out var closureId))
            {
                TempData["Flash"] = "Closure added.";
                return RedirectToAction(nameof(Show), new { id = closureId });
            }

            ModelState.AddErrors(error, prefix: "NewClosure.");
        }

        return (await IndexView(form, ct)).Refused();
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Show(Guid id, CancellationToken ct)
    {
        var result = await mediator.Send(new GetClosure.Query(id), ct);
        return this.Render(result, closure => View(closure));
    }

    [HttpPost("{id:guid}/remove")]
    public async Task<IActionResult> Remove(Guid id, CancellationToken ct)
    {
        var result = await mediator.Send(new RemoveClosure.Command(id), ct);
        if (result.Failed(out var error, out var reopened))
        {
            return this.ErrorPage(error);
        }

        TempData["Flash"] = $"Closure removed: {reopened.Created} slots reopened, {reopened.Restored} booked slots restored.";
        return RedirectToAction(nameof(Index));
    }

    private async Task<IActionResult> IndexView(ClosureForm form, CancellationToken ct)
    {
        var data = await mediator.Send(new ListClosures.Query(), ct);
        return this.Render(data, closures => View("Index", new ClosuresViewModel(closures, form)));
    }
}
