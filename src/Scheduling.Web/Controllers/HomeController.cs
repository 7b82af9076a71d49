using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Web.Composition;

namespace Scheduling.Web.Controllers;

public sealed class HomeController : Controller
{
    [HttpGet("/")]
    public IActionResult Index() => View();

    /// <summary>Generic error page: a reference number for support, never the exception.</summary>
    [AllowAnonymous]
    [Route("/error")]
    [ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
    [IgnoreAntiforgeryToken]
    public IActionResult Error()
    {
        _ = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        // The trace id every log line of this request carries, so support can find them.
        ViewData["RequestId"] = Observability.TraceId(HttpContext);
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
