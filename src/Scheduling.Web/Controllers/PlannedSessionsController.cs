using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Common.Display;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Courses;
using Scheduling.Web.Models.Courses;
using Scheduling.Web.Security;

namespace Scheduling.Web.Controllers;

/// <summary>A planned next session, completed by staff (the repeated labs and imaging) and sent, or handed to the referring doctor to confirm.</summary>
[Authorize(Policy = Policies.ClinicStaff)]
[Route("courses/planned")]
public sealed class PlannedSessionsController(IMediator mediator) : Controller
{
    [HttpGet("{referralId:guid}")]
    public Task<IActionResult> Show(Guid referralId, CancellationToken ct) =>
        Page(referralId, page => page.Refresh = page.Planned.Refresh, error: null, ct);

    [HttpPost("{referralId:guid}")]
    public async Task<IActionResult> Send(Guid referralId, [Bind(Prefix = nameof(PlannedSessionViewModel.Refresh))] SubmitPlannedSession.RefreshInput refresh, CancellationToken ct)
    {
        var result = await mediator.Send(new SubmitPlannedSession.Command(referralId, refresh), ct);
        if (result.Failed(out var error, out var outcome))
        {
            if (error.Kind != ErrorKind.Validation)
            {
                return this.ErrorPage(error);
            }

            ModelState.AddErrors(error);
            return await Page(referralId, page => page.Refresh = refresh, error, ct);
        }

        TempData["Flash"] = $"Next session sent and assessed: {DisplayNames.For(outcome)}.";
        return RedirectToAction(nameof(StaffReferralsController.Show), "StaffReferrals", new { id = referralId });
    }

    [HttpPost("{referralId:guid}/ask")]
    public async Task<IActionResult> Ask(Guid referralId, CancellationToken ct)
    {
        var result = await mediator.Send(new AskDoctorToConfirmSession.Command(referralId), ct);
        if (result.Error is { } error)
        {
            return this.ErrorPage(error);
        }

        TempData["Flash"] = "The referring doctor is emailed to confirm the planned session.";
        return RedirectToAction(nameof(Show), new { referralId });
    }

    private async Task<IActionResult> Page(Guid referralId, Action<PlannedSessionViewModel> fill, Error? error, CancellationToken ct)
    {
        var result = await mediator.Send(new GetPlannedSession.Query(referralId), ct);
        return this.Render(result, planned =>
        {
            var page = new PlannedSessionViewModel { Planned = planned };
            fill(page);
            return View("~/Views/Courses/Planned.cshtml", page).WithStatusOf(error);
        });
    }
}
