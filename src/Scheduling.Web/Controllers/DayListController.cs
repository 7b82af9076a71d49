using System.Globalization;

using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Web.Models.Bookings;

namespace Scheduling.Web.Controllers;

/// <summary>The procedure day's list per room, for the screen and for printing.</summary>
[Authorize(Roles = Roles.Scheduler + "," + Roles.Admin + "," + Roles.Radiologist)]
[Route("scheduling/day")]
public sealed class DayListController(IMediator mediator, ClinicTime clinicTime, TimeProvider clock) : Controller
{
    [HttpGet("")]
    public IActionResult Today() =>
        RedirectToAction(nameof(Show), new { date = clinicTime.Today(clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });

    [HttpGet("{date}")]
    public async Task<IActionResult> Show(string date, CancellationToken ct)
    {
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return NotFound();
        }

        var result = await mediator.Send(new GetDayList.Query(day), ct);
        return this.Render(result, dayList => View("Show", new DayListViewModel(dayList, User.IsInRole(Roles.Scheduler) || User.IsInRole(Roles.Admin))));
    }
}
