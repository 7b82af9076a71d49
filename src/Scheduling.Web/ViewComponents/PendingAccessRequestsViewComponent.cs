using Mediator;

using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Features.Accounts;

namespace Scheduling.Web.ViewComponents;

/// <summary>The Admin menu's "Access requests" entry with the number waiting for a decision.</summary>
public sealed class PendingAccessRequestsViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var count = await mediator.Send(new CountPendingAccessRequests.Query(), HttpContext.RequestAborted);
        // Not an admin (or refused): the menu shows the entry without a number rather than failing the page.
        return View(count.Failed(out _, out var waiting) ? 0 : waiting);
    }
}
