using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Infrastructure.Persistence;
using Scheduling.Web.Composition;

namespace Scheduling.Web.Controllers;

public sealed class HomeController : Controller
{
    [HttpGet("/")]
    public IActionResult Index() => View();

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
