using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Referrals;
using Scheduling.Web.Models.Referrals;

namespace Scheduling.Web.Controllers;

/// <summary>A referral as the clinic's staff see it: details, answers, outcome, timeline and attachments.</summary>
[Authorize(Roles = Roles.Scheduler + "," + Roles.Radiologist + "," + Roles.Admin)]
[Route("staff/referrals")]
public sealed class StaffReferralsController(IMediator mediator) : Controller
{
    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Show(Guid id, CancellationToken ct)
    {
        var result = await mediator.Send(new GetReferral.Query(id), ct);
        if (result.Failed(out var error, out var referral))
        {
            return this.ErrorPage(error);
        }

        var (back, text) = User.IsInRole(Roles.Scheduler) ? (Url.Action(nameof(SchedulingQueueController.Index), "SchedulingQueue"), "Back to the scheduling queue")
            : User.IsInRole(Roles.Radiologist) ? (Url.Action(nameof(ReviewController.Index), "Review"), "Back to the review queue")
            : (Url.Action(nameof(HomeController.Index), "Home"), "Back to the start page");
        var canSchedule = User.IsInRole(Roles.Scheduler) || User.IsInRole(Roles.Admin);
        return View("~/Views/Referrals/Show.cshtml", new ReferralPageViewModel(referral, back!, text, canSchedule) { IsStaffView = true });
    }
}
