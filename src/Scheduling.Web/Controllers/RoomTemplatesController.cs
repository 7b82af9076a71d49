using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Features.Rooms;
using Scheduling.Web.Models.Schedules;
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
        if (result.Error is { } error)
        {
            return this.ErrorPage(error);
        }

        return View(new RoomTemplatesViewModel(result.Value, RoomTemplateForm.From(result.Value)));
    }

    [HttpPost("{roomId:guid}")]
    public async Task<IActionResult> Save(Guid roomId, RoomTemplateForm form, CancellationToken ct)
    {
        var current = await mediator.Send(new GetRoomWeekTemplate.Query(roomId), ct);
        if (current.Error is { } notFound)
        {
            return this.ErrorPage(notFound);
        }

        if (ModelState.IsValid)
        {
            var days = form.Days
                .Select(d => new SaveRoomWeekTemplate.Day(d.Weekday, d.Open, d.FirstStart, d.TurnoverMinutes, d.RecoveryHours, d.UnitCloses))
                .ToList();
            var result = await mediator.Send(new SaveRoomWeekTemplate.Command(roomId, days), ct);
            if (result.Error is null)
            {
                var summary = result.Value;
                TempData["Flash"] = $"Template for {current.Value.Room!.Name} saved: {summary.Created} slots added, " +
                    $"{summary.Deleted} removed, {summary.Withdrawn} booked slots withdrawn.";
                return RedirectToAction(nameof(Index), new { roomId });
            }

            ModelState.AddErrors(result.Error);
        }

        return View("Index", new RoomTemplatesViewModel(current.Value, form)).Refused();
    }
}
