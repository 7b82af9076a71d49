using Mediator;

using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Features.Accounts;
using Scheduling.Infrastructure.Identity;

namespace Scheduling.Web.Controllers;

/// <summary>The signed-in user's active sessions (browsers), and ending the ones they do not recognise.</summary>
[Route("account/sessions")]
public sealed class SessionsController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var sessions = await mediator.Send(new ListMySessions.Query(DatabaseTicketStore.CurrentSessionId(HttpContext)), ct);
        return this.Render(sessions, rows => View(rows));
    }

    [HttpPost("{id:guid}/end")]
    public async Task<IActionResult> End(Guid id, CancellationToken ct)
    {
        var result = await mediator.Send(new EndSessions.Command(id, DatabaseTicketStore.CurrentSessionId(HttpContext)), ct);
        if (result.Error is { } error)
        {
            return this.ErrorPage(error);
        }

        TempData["Flash"] = "That session has ended; it must sign in again.";
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("end-others")]
    public async Task<IActionResult> EndOthers(CancellationToken ct)
    {
        var result = await mediator.Send(new EndSessions.Command(null, DatabaseTicketStore.CurrentSessionId(HttpContext)), ct);
        if (result.Failed(out var error, out var ended))
        {
            return this.ErrorPage(error);
        }

        TempData["Flash"] = ended switch
        {
            0 => "There were no other sessions.",
            1 => "Your other session has ended.",
            var n => $"Your {n} other sessions have ended.",
        };
        return RedirectToAction(nameof(Index));
    }
}
