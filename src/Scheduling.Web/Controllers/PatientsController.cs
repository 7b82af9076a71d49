using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Patients;
using Scheduling.Web.Models.Patients;
using Scheduling.Web.Security;

namespace Scheduling.Web.Controllers;

/// <summary>
/// One patient across referrals, for staff: the patient page, and the decisions that tie a referral
/// to a record (a confirmed match, a new record) or undo a wrong link, with the reason. The forms sit
/// on the referral and booking pages and come back to them.
/// </summary>
[Authorize(Policy = Policies.ClinicStaff)]
[Route("patients")]
public sealed class PatientsController(IMediator mediator) : Controller
{
    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Show(Guid id, CancellationToken ct) =>
        this.Render(await mediator.Send(new GetPatient.Query(id), ct), patient => View(new PatientPageViewModel(patient)));

    [HttpPost("link")]
    public async Task<IActionResult> Link(Guid referralId, Guid patientId, string? returnUrl, CancellationToken ct)
    {
        var result = await mediator.Send(new LinkReferralToPatient.Command(referralId, patientId), ct);
        return Back(result.Error, "Linked to the patient record.", referralId, returnUrl);
    }

    [HttpPost("open")]
    public async Task<IActionResult> Open(Guid referralId, string? returnUrl, CancellationToken ct)
    {
        var result = await mediator.Send(new OpenPatientRecord.Command(referralId), ct);
        return Back(result.Error, "A new patient record was opened for this referral.", referralId, returnUrl);
    }

    [HttpGet("unlink")]
    public async Task<IActionResult> Unlink(Guid referralId, string? returnUrl, CancellationToken ct) =>
        this.Render(await mediator.Send(new GetReferralPatient.Query(referralId), ct),
            data => View(new UnlinkPageViewModel { Data = data, ReturnUrl = LocalOr(returnUrl, referralId) }));

    [HttpPost("unlink")]
    public async Task<IActionResult> Unlink(Guid referralId, string? reason, string? returnUrl, CancellationToken ct)
    {
        var result = await mediator.Send(new UnlinkReferralFromPatient.Command(referralId, reason), ct);
        if (result.Error is { Kind: ErrorKind.Validation } error)
        {
            var data = await mediator.Send(new GetReferralPatient.Query(referralId), ct);
            ModelState.AddErrors(error);
            return this.Render(data, shown => View(new UnlinkPageViewModel { Data = shown, ReturnUrl = LocalOr(returnUrl, referralId), Reason = reason }).WithStatusOf(error));
        }

        return Back(result.Error, "The link to the patient record was undone.", referralId, returnUrl);
    }

    private IActionResult Back(Error? error, string flash, Guid referralId, string? returnUrl)
    {
        if (error is not null)
        {
            return this.ErrorPage(error);
        }

        TempData["Flash"] = flash;
        return LocalRedirect(LocalOr(returnUrl, referralId));
    }

    /// <summary>Only a local address is followed back; anything else goes to the referral's staff page.</summary>
    private string LocalOr(string? returnUrl, Guid referralId) =>
        !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl)
            ? returnUrl
            : Url.Action(nameof(StaffReferralsController.Show), "StaffReferrals", new { id = referralId })!;
}
