using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Common.Results;
using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Referrals;
using Scheduling.Web.Models.Referrals;

namespace Scheduling.Web.Controllers;

/// <summary>
/// Staff find a patient. The search is a POST (with antiforgery) whose answer is the results page, so
/// names and dates of birth never reach a URL, the browser history, a proxy's log or the server's.
/// </summary>
[Authorize(Roles = Roles.Scheduler + "," + Roles.Admin + "," + Roles.Radiologist)]
[Route("scheduling/patients")]
public sealed class PatientSearchController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View("Index", new PatientSearchViewModel(new PatientSearchForm(), null, CanOpenBookings()));

    [HttpPost("")]
    public async Task<IActionResult> Search(PatientSearchForm form, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        if (!ModelState.IsValid)
        {
            return View("Index", new PatientSearchViewModel(form, null, CanOpenBookings())).Refused();
        }

        var result = await mediator.Send(new SearchPatients.Query(form.Name, form.DateOfBirth, form.Identifier), ct);
        if (result.Failed(out var error, out var matches))
        {
            if (error.Kind == ErrorKind.NotFound)
            {
                return this.ErrorPage(error);
            }

            ModelState.AddErrors(error);
            return View("Index", new PatientSearchViewModel(form, null, CanOpenBookings())).Refused();
        }

        return View("Index", new PatientSearchViewModel(form, matches, CanOpenBookings()));
    }

    private bool CanOpenBookings() => User.IsInRole(Roles.Scheduler) || User.IsInRole(Roles.Admin);
}
