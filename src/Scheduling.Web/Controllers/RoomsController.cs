using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Features.Rooms;
using Scheduling.Web.Models.Rooms;
using Scheduling.Web.Security;

namespace Scheduling.Web.Controllers;

[Authorize(Policy = Policies.Admin)]
[Route("admin/rooms")]
public sealed class RoomsController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => await IndexView(new RoomFormViewModel(), ct);

    [HttpPost("")]
    public async Task<IActionResult> Add([Bind(Prefix = "NewRoom")] RoomFormViewModel form, CancellationToken ct)
    {
        var result = await mediator.Send(new AddRoom.Command(form.Name, form.Location), ct);
        if (result.Error is { } error)
        {
            ModelState.AddErrors(error, prefix: "NewRoom.");
            return (await IndexView(form, ct)).Refused();
        }

        TempData["Flash"] = $"Room \"{form.Name!.Trim()}\" added.";
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{id:guid}/deactivate")]
    public Task<IActionResult> Deactivate(Guid id, CancellationToken ct) => SetActive(id, active: false, ct);

    [HttpPost("{id:guid}/reactivate")]
    public Task<IActionResult> Reactivate(Guid id, CancellationToken ct) => SetActive(id, active: true, ct);

    private async Task<IActionResult> SetActive(Guid id, bool active, CancellationToken ct)
    {
        var result = await mediator.Send(new SetRoomActive.Command(id, active), ct);
        if (result.Error is { } error)
        {
            return this.ErrorPage(error);
        }

        TempData["Flash"] = active ? "Room back in service." : "Room deactivated: no new slots will be offered in it.";
        return RedirectToAction(nameof(Index));
    }

    private async Task<IActionResult> IndexView(RoomFormViewModel form, CancellationToken ct)
    {
        var result = await mediator.Send(new ListRooms.Query(), ct);
        return this.Render(result, rooms => View("Index", new RoomsIndexViewModel(rooms, form)));
    }
}
