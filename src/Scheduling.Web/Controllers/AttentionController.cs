using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Confirmation;
using Scheduling.Application.Features.Messaging;

namespace Scheduling.Web.Controllers;

/// <summary>What schedulers must chase: unconfirmed bookings, patients' requests for another date, failed emails.</summary>
[Authorize(Roles = Roles.Scheduler + "," + Roles.Admin)]
[Route("scheduling/attention")]
public sealed class AttentionController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View(await mediator.Send(new ListNeedsAttention.Query(), ct));

    [HttpPost("messages/{id:guid}/retry")]
    public async Task<IActionResult> Retry(Guid id, CancellationToken ct)
    {
        var result = await mediator.Send(new RetryFailedMessage.Command(id), ct);
        if (result.Error is { } error)
        {
            return this.ErrorPage(error);
        }

        TempData["Flash"] = "The email is queued to be sent again.";
        return RedirectToAction(nameof(Index));
    }
}
