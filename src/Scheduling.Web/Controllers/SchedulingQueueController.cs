using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Features.Scheduling;
using Scheduling.Web.Models.SchedulingQueue;
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
        return queue.Error is { } error ? this.ErrorPage(error) : View(new SchedulingQueueViewModel(queue.Value));
    }
}
