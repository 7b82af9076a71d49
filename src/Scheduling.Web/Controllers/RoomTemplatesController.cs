using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Features.Rooms;
using Scheduling.Web.Models.Rooms;
using Scheduling.Web.Security;

namespace Scheduling.Web.Controllers;

[Authorize(Policy = Policies.Admin)]
[Route("admin/room-templates")]
public sealed class RoomTemplatesController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(Guid? roomId, CancellationToken ct)
    {
        var result = await mediator.Send(new GetRoomWeekTemplate.Query(roomId), ct);
        return this.Render(result, template => View(new RoomTemplatesViewModel(template, RoomTemplateForm.From(template))));
    }

    [HttpPost("{roomId:guid}")]
    public async Task<IActionResult> Save(Guid roomId, RoomTemplateForm form, CancellationToken ct)
    {
        var current = await mediator.Send(new GetRoomWeekTemplate.Query(roomId), ct);
        if (current.Failed(out var notFound, out var template))
        {
            return this.ErrorPage(notFound);
        }

        if (ModelState.IsValid)
        {
            var days = form.Days
                .Select(d => new SaveRoomWeekTemplate.Day(d.Weekday, d.Open, d.FirstStart, d.TurnoverMinutes, d.RecoveryHours, d.UnitCloses))
                .ToList();
            var result = await mediator.Send(new SaveRoomWeekTemplate.Command(roomId, days), ct);
            if (!result.Failed(out var error, out var summary))
            {
                TempData["Flash"] = $"Template for {template.Room!.Name} saved: {summary.Created} slots added, " +
                    $"{summary.Deleted} removed, {summary.Withdrawn} booked slots withdrawn.";
                return RedirectToAction(nameof(Index), new { roomId });
            }

            ModelState.AddErrors(error);
        }

        return View("Index", new RoomTemplatesViewModel(template, form)).Refused();
    }
}
