using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Accounts;
using Scheduling.Domain.Accounts;
using Scheduling.Web.Models;
using Scheduling.Web.Models.Accounts;
using Scheduling.Web.Security;

namespace Scheduling.Web.Controllers;

/// <summary>Referring doctors' access requests: approve (account and invitation) or decline with a reason.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/access-requests")]
public sealed class AccessRequestsController(IMediator mediator, ClinicDisplay format) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => await IndexView(null, null, ct);

    [HttpPost("{id:guid}/approve")]
    public async Task<IActionResult> Approve(Guid id, CancellationToken ct)
    {
        var result = await mediator.Send(new ApproveAccessRequest.Command(id), ct);
        if (result.Error is { } error)
        {
            return this.ErrorPage(error);
        }

        TempData["Flash"] = "Approved: the doctor's account is created and the invitation email is on its way.";
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{id:guid}/decline")]
    public async Task<IActionResult> Decline(Guid id, DeclineViewModel form, CancellationToken ct)
    {
        var result = await mediator.Send(new DeclineAccessRequest.Command(id, form.Reason), ct);
        if (result.Error is { Kind: ErrorKind.Validation } invalid)
        {
            ModelState.AddErrors(invalid);
            return (await IndexView(id, form.Reason, ct)).Refused();
        }

        if (result.Error is { } error)
        {
            return this.ErrorPage(error);
        }

        TempData["Flash"] = "Declined: the doctor is told by email, with your reason.";
        return RedirectToAction(nameof(Index));
    }

    private async Task<IActionResult> IndexView(Guid? declineFor, string? reason, CancellationToken ct)
    {
        var result = await mediator.Send(new ListAccessRequests.Query(PendingOnly: false), ct);
        if (result.Failed(out var error, out var requests))
        {
            return this.ErrorPage(error);
        }

        var rows = requests.Select(r => new AccessRequestRow(
            r,
            format.FromUtcWithZone(r.CreatedAtUtc),
            r.Status switch
            {
                AccessRequestStatus.Pending => "Waiting for a decision",
                AccessRequestStatus.Approved => "Approved",
                AccessRequestStatus.Declined => "Declined",
                _ => "Unknown",
            })).ToList();
        return View("Index", new AccessRequestsViewModel(rows, declineFor, reason));
    }
}
