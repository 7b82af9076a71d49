using System.Globalization;

using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Availability;
using Scheduling.Application.Features.Closures;
using Scheduling.Application.Features.Rooms;
using Scheduling.Web.Models.Availability;
using Scheduling.Web.Models.Closures;

namespace Scheduling.Web.Controllers;

/// <summary>The schedulers' views of slots: the week calendar, next available, and bookings that must be moved.</summary>
[Authorize(Roles = Roles.Scheduler + "," + Roles.Admin)]
[Route("scheduling")]
public sealed class CalendarController(IMediator mediator) : Controller
{
    [HttpGet("calendar")]
    public async Task<IActionResult> Index(string? week, Guid? physicianId, CancellationToken ct)
    {
        DateOnly? day = null;
        if (!string.IsNullOrEmpty(week))
        {
            if (!DateOnly.TryParseExact(week, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                ModelState.AddModelError("week", "Enter a date as yyyy-mm-dd.");
            }
            else
            {
                day = parsed;
            }
        }

        var result = await mediator.Send(new GetWeekCalendar.Query(day, physicianId), ct);
        return this.Render(result, week =>
        {
            var page = View(new CalendarViewModel(week, User.IsInRole(Roles.Admin)));
            return ModelState.IsValid ? page : page.Refused();
        });
    }

    [HttpGet("next-available")]
    public async Task<IActionResult> NextAvailable(NextAvailableForm form, CancellationToken ct)
    {
        var listed = await mediator.Send(new ListRooms.Query(IncludeInactive: false), ct);
        if (listed.Failed(out var roomsError, out var rooms))
        {
            return this.ErrorPage(roomsError);
        }

        var choices = rooms.Select(r => new RoomChoice(r.Id, r.Name)).ToList();
        FindNextAvailable.View? found = null;
        if (ModelState.IsValid)
        {
            var result = await mediator.Send(
                new FindNextAvailable.Query(form.From, form.RoomId, form.Count ?? FindNextAvailable.DefaultCount, form.PhysicianId), ct);
            if (result.Failed(out var error, out var next))
            {
                ModelState.AddErrors(error);
            }
            else
            {
                found = next;
                form.From ??= found.From;
            }
        }

        form.Count ??= FindNextAvailable.DefaultCount;
        var page = View(new NextAvailableViewModel(form, choices, found, User.IsInRole(Roles.Admin)));
        return ModelState.IsValid ? page : page.Refused();
    }

    [HttpGet("affected-bookings")]
    public async Task<IActionResult> AffectedBookings(CancellationToken ct)
    {
        var result = await mediator.Send(new ListBookingsAffectedByClosures.Query(), ct);
        return this.Render(result, rows => View(new AffectedBookingsViewModel(rows)));
    }
}
