using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

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
        ViewData["RequestId"] = HttpContext.TraceIdentifier;
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
