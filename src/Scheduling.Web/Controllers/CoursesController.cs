using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Courses;
using Scheduling.Domain.Courses;
using Scheduling.Web.Models.Courses;
using Scheduling.Web.Security;

namespace Scheduling.Web.Controllers;

/// <summary>
/// Treatment courses: the list, the course page (the referring doctor's own patients read-only, staff
/// everything), each session's discharge, adverse events, calls and follow-up scan, the readings
/// (IR physicians), the course's status, transplant listing and the next session. A refused form
/// comes back with its messages beside the fields (422); a course one may not see is a 404.
/// </summary>
[Route("courses")]
public sealed class CoursesController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(bool closed, int? page, CancellationToken ct)
    {
        var result = await mediator.Send(new ListCourses.Query(closed, page ?? 1), ct);
        return this.Render(result, list => View(new CourseListViewModel(list, list.Waiting is not null)));
    }

    [HttpGet("{id:guid}")]
    public Task<IActionResult> Show(Guid id, CancellationToken ct) => CoursePage(id, page => { }, error: null, ct);

    [HttpGet("{id:guid}/sessions/{number:int}")]
    [Authorize(Policy = Policies.ClinicStaff)]
    public Task<IActionResult> Session(Guid id, int number, int? day, CancellationToken ct) =>
        SessionPage(id, number, page => page.Call.Day = day ?? (page.OpenCalls.Count > 0 ? page.OpenCalls[0].Day : null), error: null, ct);

    [HttpPost("{id:guid}/sessions/{number:int}/discharge")]
    [Authorize(Policy = Policies.ClinicStaff)]
    public async Task<IActionResult> Discharge(Guid id, int number, [Bind(Prefix = nameof(SessionPageViewModel.Discharge))] DischargeForm form, CancellationToken ct)
    {
        var result = await mediator.Send(new RecordDischarge.Command(id, number, form.Kind, form.Reason, form.HoursToDischarge), ct);
        return await AfterSessionForm(id, number, result.Error, nameof(SessionPageViewModel.Discharge), page => page.Discharge = form, "Discharge recorded.", ct);
    }

    [HttpPost("{id:guid}/sessions/{number:int}/adverse-events")]
    [Authorize(Policy = Policies.ClinicStaff)]
    public async Task<IActionResult> AdverseEvent(Guid id, int number, [Bind(Prefix = nameof(SessionPageViewModel.AdverseEvent))] AdverseEventForm form, CancellationToken ct)
    {
        var result = await mediator.Send(new RecordAdverseEvent.Command(id, number, form.Term, form.Grade, form.OnsetOn, form.Attribution, form.Serious), ct);
        return await AfterSessionForm(id, number, result.Error, nameof(SessionPageViewModel.AdverseEvent), page => page.AdverseEvent = form, "Adverse event recorded.", ct);
    }

    [HttpPost("{id:guid}/sessions/{number:int}/calls")]
    [Authorize(Policy = Policies.ClinicStaff)]
    public async Task<IActionResult> Call(Guid id, int number, [Bind(Prefix = nameof(SessionPageViewModel.Call))] CallForm form, CancellationToken ct)
    {
        if (form.Day is null)
        {
            ModelState.AddModelError($"{nameof(SessionPageViewModel.Call)}.{nameof(CallForm.Day)}", "Choose which call this was.");
            return await SessionPage(id, number, page => page.Call = form, Error.Validation(string.Empty, "Choose which call this was."), ct);
        }

        var result = await mediator.Send(new LogFollowUpCall.Command(id, number, form.Day.Value, form.Outcome, form.Note), ct);
        return await AfterSessionForm(id, number, result.Error, nameof(SessionPageViewModel.Call), page => page.Call = form, "Call logged.", ct);
    }

    [HttpPost("{id:guid}/sessions/{number:int}/scan")]
    [Authorize(Policy = Policies.ClinicStaff)]
    public async Task<IActionResult> Scan(Guid id, int number, [Bind(Prefix = nameof(SessionPageViewModel.Scan))] ScanForm form, CancellationToken ct)
    {
        var result = await mediator.Send(new RecordFollowUpScan.Command(id, number, form.ScanOn, form.Modality), ct);
        return await AfterSessionForm(id, number, result.Error, nameof(SessionPageViewModel.Scan), page => page.Scan = form, "Follow-up scan recorded as received.", ct);
    }

    [HttpPost("{id:guid}/sessions/{number:int}/waive")]
    [Authorize(Policy = Policies.ClinicStaff)]
    public async Task<IActionResult> Waive(Guid id, int number, [Bind(Prefix = nameof(SessionPageViewModel.Waive))] WaiveForm form, CancellationToken ct)
    {
        var result = await mediator.Send(new WaiveFollowUp.Command(id, number, form.Reason), ct);
        return await AfterSessionForm(id, number, result.Error, nameof(SessionPageViewModel.Waive), page => page.Waive = form, "Follow-up scan marked as not needed.", ct);
    }

    [HttpGet("{id:guid}/baseline")]
    [Authorize(Policy = Policies.Radiologist)]
    public Task<IActionResult> Baseline(Guid id, CancellationToken ct) => ReadingPage(id, 0, page => page.Reading = FromBaseline(page.Course.Baseline), error: null, ct);

    [HttpPost("{id:guid}/baseline")]
    [Authorize(Policy = Policies.Radiologist)]
    public async Task<IActionResult> Baseline(Guid id, [Bind(Prefix = nameof(ReadingPageViewModel.Reading))] ReadingInput reading, CancellationToken ct)
    {
        var result = await mediator.Send(new RecordBaseline.Command(id, reading), ct);
        if (result.Error is { Kind: ErrorKind.Validation } error)
        {
            ModelState.AddErrors(error, nameof(ReadingPageViewModel.Reading) + ".");
            return await ReadingPage(id, 0, page => page.Reading = reading, error, ct);
        }

        return AfterChange(result.Error, "Baseline recorded.", nameof(Show), new { id });
    }

    [HttpGet("{id:guid}/sessions/{number:int}/response")]
    [Authorize(Policy = Policies.Radiologist)]
    public Task<IActionResult> Assess(Guid id, int number, CancellationToken ct) =>
        ReadingPage(id, number, page => page.Reading = new ReadingInput { Modality = page.Course.Baseline?.Modality }, error: null, ct);

    [HttpPost("{id:guid}/sessions/{number:int}/response")]
    [Authorize(Policy = Policies.Radiologist)]
    public async Task<IActionResult> Assess(
        Guid id,
        int number,
        [Bind(Prefix = nameof(ReadingPageViewModel.Reading))] ReadingInput reading,
        [Bind(Prefix = nameof(ReadingPageViewModel.Override))] ResponseCategory? @override,
        [Bind(Prefix = nameof(ReadingPageViewModel.OverrideReason))] string? overrideReason,
        [Bind(Prefix = nameof(ReadingPageViewModel.Intent))] string? intent,
        CancellationToken ct)
    {
        void Keep(ReadingPageViewModel page)
        {
            page.Reading = reading;
            page.Override = @override;
            page.OverrideReason = overrideReason;
        }

        var score = await mediator.Send(new ScoreResponse.Query(id, number, reading), ct);
        if (score.Failed(out var scoreError, out var scored))
        {
            if (scoreError.Kind != ErrorKind.Validation)
            {
                return this.ErrorPage(scoreError);
            }

            ModelState.AddErrors(scoreError, nameof(ReadingPageViewModel.Reading) + ".");
            return await ReadingPage(id, number, Keep, scoreError, ct);
        }

        if (intent != ReadingPageViewModel.RecordIntent)
        {
            return await ReadingPage(id, number, page => { Keep(page); page.Score = scored; }, error: null, ct);
        }

        var result = await mediator.Send(new RecordResponse.Command(id, number, reading, @override, overrideReason), ct);
        if (result.Error is { Kind: ErrorKind.Validation } error)
        {
            foreach (var (field, messages) in error.FieldErrors)
            {
                var key = field is nameof(ReadingPageViewModel.Override) or nameof(ReadingPageViewModel.OverrideReason) || field.Length == 0
                    ? field
                    : $"{nameof(ReadingPageViewModel.Reading)}.{field}";
                foreach (var message in messages)
                {
                    ModelState.AddModelError(key, message);
                }
            }

            return await ReadingPage(id, number, page => { Keep(page); page.Score = scored; }, error, ct);
        }

        return AfterChange(result.Error, "Response recorded; the referring doctor is emailed that it is on the course.", nameof(Show), new { id });
    }

    [HttpPost("{id:guid}/state")]
    [Authorize(Policy = Policies.Radiologist)]
    public async Task<IActionResult> State(Guid id, [Bind(Prefix = nameof(CoursePageViewModel.CourseState))] StateForm form, CancellationToken ct)
    {
        var result = await mediator.Send(new ChangeCourseState.Command(id, form.State, form.Reason), ct);
        return await AfterCourseForm(id, result.Error, nameof(CoursePageViewModel.CourseState), page => page.CourseState = form, "Course status changed.", ct);
    }

    [HttpPost("{id:guid}/transplant")]
    [Authorize(Policy = Policies.ClinicStaff)]
    public async Task<IActionResult> Transplant(Guid id, [Bind(Prefix = nameof(CoursePageViewModel.Transplant))] TransplantForm form, CancellationToken ct)
    {
        var result = await mediator.Send(new SetTransplantListing.Command(id, form.Status, form.ListedOn), ct);
        return await AfterCourseForm(id, result.Error, nameof(CoursePageViewModel.Transplant), page => page.Transplant = form, "Transplant listing recorded.", ct);
    }

    [HttpPost("{id:guid}/plan")]
    [Authorize(Policy = Policies.ClinicStaff)]
    public async Task<IActionResult> Plan(Guid id, [Bind(Prefix = nameof(CoursePageViewModel.Plan))] PlanForm form, CancellationToken ct)
    {
        var result = await mediator.Send(new PlanNextSession.Command(id, form.AskDoctorToConfirm), ct);
        if (result.Failed(out var error, out var referralId))
        {
            return await AfterCourseForm(id, error, nameof(CoursePageViewModel.Plan), page => page.Plan = form, string.Empty, ct);
        }

        TempData["Flash"] = form.AskDoctorToConfirm
            ? "Next session planned; the referring doctor is emailed to confirm it. You can also complete it here."
            : "Next session planned: add the repeated labs and imaging and send it.";
        return RedirectToAction(nameof(PlannedSessionsController.Show), "PlannedSessions", new { referralId });
    }

    [HttpGet("follow-up-scans")]
    [Authorize(Policy = Policies.ClinicStaff)]
    public async Task<IActionResult> FollowUpScans(CancellationToken ct) =>
        this.Render(await mediator.Send(new ListFollowUpScans.Query(), ct), list => View(new ScanWorklistViewModel(list)));

    [HttpGet("calls")]
    [Authorize(Policy = Policies.ClinicStaff)]
    public async Task<IActionResult> Calls(CancellationToken ct) =>
        this.Render(await mediator.Send(new ListFollowUpCalls.Query(), ct), list => View(new CallWorklistViewModel(list)));

    [HttpGet("tumour-board")]
    [Authorize(Policy = Policies.ClinicStaff)]
    public async Task<IActionResult> TumourBoard(CancellationToken ct) =>
        this.Render(await mediator.Send(new ListTumourBoard.Query(), ct), board => View(new TumourBoardViewModel(board)));

    private async Task<IActionResult> CoursePage(Guid id, Action<CoursePageViewModel> fill, Error? error, CancellationToken ct)
    {
        var result = await mediator.Send(new GetCourse.Query(id), ct);
        return this.Render(result, course =>
        {
            var page = new CoursePageViewModel { Course = course };
            fill(page);
            return View("Show", page).WithStatusOf(error);
        });
    }

    private async Task<IActionResult> SessionPage(Guid id, int number, Action<SessionPageViewModel> fill, Error? error, CancellationToken ct)
    {
        var result = await mediator.Send(new GetCourse.Query(id), ct);
        if (result.Failed(out var notFound, out var course))
        {
            return this.ErrorPage(notFound);
        }

        if (course.Sessions.SingleOrDefault(s => s.Number == number) is not { } session)
        {
            return NotFound();
        }

        var page = new SessionPageViewModel { Course = course, Session = session };
        fill(page);
        return View("Session", page).WithStatusOf(error);
    }

    private async Task<IActionResult> ReadingPage(Guid id, int number, Action<ReadingPageViewModel> fill, Error? error, CancellationToken ct)
    {
        var result = await mediator.Send(new GetCourse.Query(id), ct);
        if (result.Failed(out var notFound, out var course))
        {
            return this.ErrorPage(notFound);
        }

        var page = new ReadingPageViewModel { Course = course, SessionNumber = number };
        fill(page);
        return View("Reading", page).WithStatusOf(error);
    }

    private async Task<IActionResult> AfterSessionForm(Guid id, int number, Error? error, string prefix, Action<SessionPageViewModel> keep, string flash, CancellationToken ct)
    {
        if (error is { Kind: ErrorKind.Validation })
        {
            ModelState.AddErrors(error, prefix + ".");
            return await SessionPage(id, number, keep, error, ct);
        }

        return AfterChange(error, flash, nameof(Session), new { id, number });
    }

    private async Task<IActionResult> AfterCourseForm(Guid id, Error? error, string prefix, Action<CoursePageViewModel> keep, string flash, CancellationToken ct)
    {
        if (error is { Kind: ErrorKind.Validation })
        {
            ModelState.AddErrors(error, prefix + ".");
            return await CoursePage(id, keep, error, ct);
        }

        return AfterChange(error, flash, nameof(Show), new { id });
    }

    private IActionResult AfterChange(Error? error, string flash, string action, object route)
    {
        if (error is not null)
        {
            return this.ErrorPage(error);
        }

        TempData["Flash"] = flash;
        return RedirectToAction(action, route);
    }

    private static ReadingInput FromBaseline(GetCourse.ReadingView? baseline) => baseline is null
        ? new ReadingInput { NonTarget = Domain.Courses.NonTargetStatus.None }
        : new ReadingInput
        {
            ScanOn = baseline.ScanOn,
            Modality = baseline.Modality,
            Target1Mm = baseline.Targets[0].Mm,
            Target1Segment = baseline.Targets[0].Segment,
            Target2Mm = baseline.Targets.Count > 1 ? baseline.Targets[1].Mm : null,
            Target2Segment = baseline.Targets.Count > 1 ? baseline.Targets[1].Segment : null,
            NonTarget = baseline.NonTarget,
            OtherLesionsMm = string.Join(", ", baseline.OtherLesionsMm),
            MacrovascularInvasion = baseline.MacrovascularInvasion,
            ExtrahepaticSpread = baseline.ExtrahepaticSpread,
            Notes = baseline.Notes,
        };
}
