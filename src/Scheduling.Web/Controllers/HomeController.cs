using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Start;
using Scheduling.Infrastructure.Persistence;
using Scheduling.Web.Composition;
using Scheduling.Web.Models.Start;

namespace Scheduling.Web.Controllers;

public sealed class HomeController(IMediator mediator, IUserDirectory users) : Controller
{
    /// <summary>The start page: what waits for this person, one part per role they hold.</summary>
    [HttpGet("/")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var doctor = User.IsInRole(Roles.ReferringPhysician) ? ValueOrNull(await mediator.Send(new GetDoctorStart.Query(), ct)) : null;
        var review = User.IsInRole(Roles.Radiologist) ? ValueOrNull(await mediator.Send(new GetReviewStart.Query(), ct)) : null;
        var scheduling = User.IsInRole(Roles.Scheduler) || User.IsInRole(Roles.Admin)
            ? ValueOrNull(await mediator.Send(new GetSchedulingStart.Query(), ct))
            : null;
        // People by name where one exists; the sign-in email otherwise.
        var userName = User.Identity?.Name ?? string.Empty;
        var name = await users.DisplayNameOfAsync(userName, ct);
        return View(new StartPageViewModel(name, doctor, review, scheduling));
    }

    private static T? ValueOrNull<T>(Result<T> result)
        where T : class =>
        result.Failed(out _, out var value) ? null : value;

    /// <summary>
    /// Generic error page: a reference number for support, never the exception. When the database's
    /// storage is failing (read-only, full, unreachable) it says so, with 503: nothing is wrong with what
    /// the person did, and trying again later will work once the disk is fixed.
    /// </summary>
    [AllowAnonymous]
    [Route("/error")]
    [ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
    [IgnoreAntiforgeryToken]
    public IActionResult Error()
    {
        var error = HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Error;

        // The trace id every log line of this request carries, so support can find them.
        ViewData["RequestId"] = Observability.TraceId(HttpContext);
        if (StorageFailures.IsStorageFailure(error))
        {
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return View("StorageFailing");
        }

        return View("Error");
    }

    [AllowAnonymous]
    [Route("/error/{status:int}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Status(int status)
    {
        ViewData["Status"] = status;
        return View("Status");
    }
}
