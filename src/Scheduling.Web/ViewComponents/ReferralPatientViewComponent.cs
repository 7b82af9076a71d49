using Mediator;

using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Features.Patients;
using Scheduling.Web.Models.Patients;

namespace Scheduling.Web.ViewComponents;

/// <summary>
/// The referral's patient record on the staff referral page and the booking form: the record it
/// belongs to, or the earlier patients it looks like (link or open a new record: a person decides),
/// and the patient's course with its refractoriness flag (shown, never blocking).
/// </summary>
public sealed class ReferralPatientViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid referralId, string returnUrl)
    {
        var result = await mediator.Send(new GetReferralPatient.Query(referralId), HttpContext.RequestAborted);
        return result.Failed(out _, out var data)
            ? Content(string.Empty)
            : View(new ReferralPatientViewModel(data, returnUrl));
    }
}
