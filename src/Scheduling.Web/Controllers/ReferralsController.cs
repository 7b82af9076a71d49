using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Common.Display;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Referrals;
using Scheduling.Web.Models.Referrals;
using Scheduling.Web.Security;

namespace Scheduling.Web.Controllers;

/// <summary>The referring doctor's pages: their referrals, the referral form, withdrawal and attachments.</summary>
[Authorize(Policy = Policies.ReferringPhysician)]
[Route("referrals")]
public sealed class ReferralsController(IMediator mediator, EligibilityCriteria criteria) : Controller
{
    /// <summary>Room for the multipart envelope around the largest file we accept, so a too-large file gets a clear message, not a bare 413.</summary>
    private const long UploadRequestLimit = 64L * 1024 * 1024;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var result = await mediator.Send(new ListMyReferrals.Query(), ct);
        return this.Render(result, rows => View(new MyReferralsViewModel(rows)));
    }

    [HttpGet("new")]
    public async Task<IActionResult> New(CancellationToken ct)
    {
        var result = await mediator.Send(new GetNewReferralDefaults.Query(), ct);
        return this.Render(result, defaults => FormView(new ReferralFormViewModel { Details = defaults }));
    }

    [HttpPost("new")]
    public Task<IActionResult> Create(ReferralFormViewModel form, CancellationToken ct)
    {
        form.Id = null;
        return Save(form, ct);
    }

    [HttpGet("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, CancellationToken ct)
    {
        var result = await mediator.Send(new GetReferral.Query(id), ct);
        if (result.Failed(out var error, out var referral))
        {
            return this.ErrorPage(error);
        }

        if (!referral.CanEdit)
        {
            return RedirectToAction(nameof(Show), new { id });
        }

        return FormView(new ReferralFormViewModel
        {
            Id = id,
            Details = referral.Details,
            Questionnaire = referral.Questionnaire,
            Attachments = referral.Attachments,
            IsSent = referral.IsSent,
            InformationRequest = referral.Status == ReferralStatus.InformationRequested ? referral.DecisionReason : null,
            PlannedFromCourse = referral.CourseId,
        });
    }

    [HttpPost("{id:guid}/edit")]
    public Task<IActionResult> Update(Guid id, ReferralFormViewModel form, CancellationToken ct)
    {
        form.Id = id;
        return Save(form, ct);
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Show(Guid id, CancellationToken ct)
    {
        var result = await mediator.Send(new GetReferral.Query(id), ct);
        return this.Render(result, referral => View("Show", new ReferralPageViewModel(referral, Url.Action(nameof(Index))!, "Back to my referrals")));
    }

    [HttpPost("{id:guid}/withdraw")]
    public async Task<IActionResult> Withdraw(Guid id, WithdrawFormViewModel form, CancellationToken ct)
    {
        var result = await mediator.Send(new WithdrawReferral.Command(id, form.Reason), ct);
        if (result.Error is { Kind: ErrorKind.Validation } error)
        {
            return await ShowWithErrors(id, error, ct);
        }

        if (result.Error is { } other)
        {
            return this.ErrorPage(other);
        }

        TempData["Flash"] = "Referral withdrawn.";
        return RedirectToAction(nameof(Show), new { id });
    }

    [HttpPost("{id:guid}/attachments")]
    [RequestSizeLimit(UploadRequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = UploadRequestLimit)]
    public async Task<IActionResult> Attach(Guid id, IFormFile? file, CancellationToken ct)
    {
        byte[]? content = null;
        if (file is { Length: > 0 and <= ReferralAttachment.MaxBytes })
        {
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }

        var result = await mediator.Send(new AddAttachment.Command(id, file?.FileName, file?.Length ?? 0, content), ct);
        if (result.Error is { Kind: ErrorKind.Validation } error)
        {
            return await ShowWithErrors(id, error, ct);
        }

        if (result.Error is { } other)
        {
            return this.ErrorPage(other);
        }

        TempData["Flash"] = "File attached.";
        return RedirectToAction(nameof(Show), new { id });
    }

    [HttpPost("{id:guid}/attachments/{attachmentId:guid}/remove")]
    public async Task<IActionResult> RemoveAttachment(Guid id, Guid attachmentId, CancellationToken ct)
    {
        var result = await mediator.Send(new Application.Features.Referrals.RemoveAttachment.Command(id, attachmentId), ct);
        if (result.Error is { } error)
        {
            return this.ErrorPage(error);
        }

        TempData["Flash"] = "Attachment removed.";
        return RedirectToAction(nameof(Show), new { id });
    }

    private async Task<IActionResult> Save(ReferralFormViewModel form, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return await Invalid(form, ct);
        }

        if (form.Intent == ReferralFormViewModel.SubmitIntent)
        {
            var submitted = await mediator.Send(new SubmitReferral.Command(form.Id, form.Details, form.Questionnaire), ct);
            if (submitted.Failed(out var submitError, out var sent))
            {
                return await Refused(form, submitError, ct);
            }

            TempData["Flash"] = sent.Resubmitted
                ? $"Referral updated and assessed again: {DisplayNames.For(sent.Outcome)}."
                : "Referral submitted.";
            return RedirectToAction(nameof(Show), new { id = sent.ReferralId });
        }

        var saved = await mediator.Send(new SaveDraft.Command(form.Id, form.Details, form.Questionnaire), ct);
        if (saved.Failed(out var saveError, out var draftId))
        {
            return await Refused(form, saveError, ct);
        }

        TempData["Flash"] = "Draft saved. You can come back to it from My referrals.";
        return RedirectToAction(nameof(Edit), new { id = draftId });
    }

    private async Task<IActionResult> Refused(ReferralFormViewModel form, Error error, CancellationToken ct)
    {
        if (error.Kind != ErrorKind.Validation)
        {
            return this.ErrorPage(error);
        }

        ModelState.AddErrors(error);
        return await Invalid(form, ct);
    }

    private async Task<IActionResult> Invalid(ReferralFormViewModel form, CancellationToken ct)
    {
        if (form.Id is { } id)
        {
            var existing = await mediator.Send(new GetReferral.Query(id), ct);
            if (existing.Failed(out var error, out var referral))
            {
                return this.ErrorPage(error);
            }

            form.Attachments = referral.Attachments;
            form.IsSent = referral.IsSent;
            form.InformationRequest = referral.Status == ReferralStatus.InformationRequested ? referral.DecisionReason : null;
            form.PlannedFromCourse = referral.CourseId;
        }

        return FormView(form).Refused();
    }

    private ViewResult FormView(ReferralFormViewModel form)
    {
        form.ChildPugh = form.Questionnaire.ChildPugh(criteria)?.Display;
        return View("Form", form);
    }

    private async Task<IActionResult> ShowWithErrors(Guid id, Error error, CancellationToken ct)
    {
        var result = await mediator.Send(new GetReferral.Query(id), ct);
        if (result.Failed(out var notFound, out var referral))
        {
            return this.ErrorPage(notFound);
        }

        ModelState.AddErrors(error);
        return View("Show", new ReferralPageViewModel(referral, Url.Action(nameof(Index))!, "Back to my referrals")).Refused();
    }
}
