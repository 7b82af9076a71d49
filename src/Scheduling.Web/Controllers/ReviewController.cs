using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Referrals;
using Scheduling.Application.Features.Review;
using Scheduling.Web.Models.Review;
using Scheduling.Web.Security;

namespace Scheduling.Web.Controllers;

/// <summary>The IR physician's review queue and decisions.</summary>
[Authorize(Policy = Policies.Radiologist)]
[Route("review")]
public sealed class ReviewController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int? page, CancellationToken ct)
    {
        var queue = await mediator.Send(new ListReviewQueue.Query(page ?? 1), ct);
        if (queue.Failed(out var error, out var found))
        {
            return this.ErrorPage(error);
        }

        var waiting = await mediator.Send(new ListAwaitingDoctor.Query(), ct);
        return this.Render(waiting, awaiting => View(new ReviewQueueViewModel(found) { AwaitingDoctor = awaiting }));
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Show(Guid id, CancellationToken ct)
    {
        var result = await mediator.Send(new GetReferral.Query(id), ct);
        return this.Render(result, referral => View("Show", new ReviewPageViewModel { Referral = referral }));
    }

    [HttpPost("{id:guid}/approve")]
    public Task<IActionResult> Approve(Guid id, string? approveNote, CancellationToken ct) =>
        Decide(id, ReviewDecision.Approve, approveNote, nameof(ReviewPageViewModel.ApproveNote), "Approved: the referral is in the scheduling queue.", ct);

    [HttpPost("{id:guid}/decline")]
    public Task<IActionResult> Decline(Guid id, string? declineReason, CancellationToken ct) =>
        Decide(id, ReviewDecision.Decline, declineReason, nameof(ReviewPageViewModel.DeclineReason), "Declined. The referring doctor will see your reason.", ct);

    [HttpPost("{id:guid}/override")]
    public Task<IActionResult> Override(Guid id, string? overrideJustification, CancellationToken ct) =>
        Decide(id, ReviewDecision.Override, overrideJustification, nameof(ReviewPageViewModel.OverrideJustification), "Outcome overridden: the referral is in the scheduling queue.", ct);

    [HttpPost("{id:guid}/request-information")]
    public Task<IActionResult> RequestInformation(Guid id, string? informationRequest, CancellationToken ct) =>
        Decide(id, ReviewDecision.RequestInformation, informationRequest, nameof(ReviewPageViewModel.InformationRequest), "Sent to the referring doctor by email; the referral comes back to the review queue when they resubmit it.", ct);

    private async Task<IActionResult> Decide(Guid id, ReviewDecision decision, string? text, string field, string flash, CancellationToken ct)
    {
        var result = await mediator.Send(new DecideReview.Command(id, decision, text), ct);
        if (result.Error is { Kind: ErrorKind.Validation } error)
        {
            var referral = await mediator.Send(new GetReferral.Query(id), ct);
            if (referral.Failed(out var notFound, out var shown))
            {
                return this.ErrorPage(notFound);
            }

            foreach (var message in error.FieldErrors.SelectMany(f => f.Value))
            {
                ModelState.AddModelError(field, message);
            }

            var page = new ReviewPageViewModel { Referral = shown };
            switch (decision)
            {
                case ReviewDecision.Approve: page.ApproveNote = text; break;
                case ReviewDecision.Decline: page.DeclineReason = text; break;
                case ReviewDecision.RequestInformation: page.InformationRequest = text; break;
                default: page.OverrideJustification = text; break;
            }

            return View("Show", page).WithStatusOf(error);
        }

        if (result.Error is { } other)
        {
            return this.ErrorPage(other);
        }

        TempData["Flash"] = flash;
        return RedirectToAction(nameof(Index));
    }
}
