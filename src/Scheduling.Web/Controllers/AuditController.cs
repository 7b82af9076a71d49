using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Features.Audit;
using Scheduling.Domain.Common;
using Scheduling.Web.Models.Audit;
using Scheduling.Web.Security;

namespace Scheduling.Web.Controllers;

[Authorize(Policy = Policies.Admin)]
[Route("admin/audit")]
public sealed class AuditController(IMediator mediator, ClinicTime clinicTime) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] AuditFilterForm filter, CancellationToken ct)
    {
        var result = await mediator.Send(
            new SearchAuditLog.Query(filter.EntityId, filter.User, filter.Action, filter.From, filter.To, filter.Before), ct);
        if (result.Failed(out var error, out var found))
        {
            ModelState.AddErrors(error);
            return View(new AuditLogViewModel(filter, [], null, clinicTime.Zone.Id)).Refused();
        }

        return View(new AuditLogViewModel(filter, found.Rows, found.NextBefore, clinicTime.Zone.Id));
    }
}
