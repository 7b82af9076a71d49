using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Features.Queue;
using Scheduling.Web.Models.Queue;
using Scheduling.Web.Security;

namespace Scheduling.Web.Controllers;

/// <summary>The scheduler's queue of referrals ready to schedule.</summary>
[Authorize(Policy = Policies.SchedulingStaff)]
[Route("scheduling/queue")]
public sealed class SchedulingQueueController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int? page, CancellationToken ct)
    {
        var queue = await mediator.Send(new ListReadyToSchedule.Query(page ?? 1), ct);
        return this.Render(queue, rows => View(new SchedulingQueueViewModel(rows)));
    }

    /// <summary>"Book the next patient in the queue": straight to the booking page of the referral at the top.</summary>
    [HttpGet("next")]
    public async Task<IActionResult> Next(CancellationToken ct)
    {
        var next = await mediator.Send(new NextInQueue.Query(), ct);
        if (next.Failed(out var error, out var top))
        {
            return this.ErrorPage(error);
        }

        if (top is not { } referralId)
        {
            TempData["Flash"] = "The scheduling queue is empty: every ready referral is booked.";
            return RedirectToAction(nameof(Index));
        }

        return RedirectToAction("Book", "Bookings", new { referralId });
    }
}
