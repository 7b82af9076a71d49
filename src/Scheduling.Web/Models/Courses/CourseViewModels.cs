using System.ComponentModel.DataAnnotations;

using Scheduling.Application.Features.Courses;
using Scheduling.Domain.Courses;
using Scheduling.Domain.Referrals;

namespace Scheduling.Web.Models.Courses;

/// <summary>The course page: read-only for the referring doctor, with the staff's and the physician's actions.</summary>
public sealed class CoursePageViewModel
{
    public required GetCourse.CourseView Course { get; init; }

    public StateForm CourseState { get; set; } = new();

    public TransplantForm Transplant { get; set; } = new();

    public PlanForm Plan { get; set; } = new();
}

/// <summary>One session with the forms for what followed it.</summary>
public sealed class SessionPageViewModel
{
    public required GetCourse.CourseView Course { get; init; }

    public required GetCourse.SessionView Session { get; init; }

    public DischargeForm Discharge { get; set; } = new();

    public AdverseEventForm AdverseEvent { get; set; } = new();

    public CallForm Call { get; set; } = new();

    public ScanForm Scan { get; set; } = new();

    public WaiveForm Waive { get; set; } = new();

    public IReadOnlyList<GetCourse.CallView> OpenCalls => Session.Calls.Where(c => !c.Done).ToList();
}

public sealed class DischargeForm
{
    [Display(Name = "How the patient left")]
    public DischargeKind? Kind { get; set; }

    [Display(Name = "Hours from the procedure to discharge")]
    public decimal? HoursToDischarge { get; set; }

    [Display(Name = "Reason (needed for an overnight stay or an admission)")]
    public string? Reason { get; set; }
}

public sealed class AdverseEventForm
{
    [Display(Name = "CTCAE term")]
    public string? Term { get; set; }

    [Display(Name = "CTCAE grade")]
    public int? Grade { get; set; }

    [Display(Name = "Onset")]
    public DateOnly? OnsetOn { get; set; }

    [Display(Name = "Attribution to the procedure")]
    public Attribution? Attribution { get; set; }

    [Display(Name = "Serious adverse event")]
    public bool Serious { get; set; }
}

public sealed class CallForm
{
    [Display(Name = "Which call")]
    public int? Day { get; set; }

    [Display(Name = "How the call went")]
    public CallOutcome? Outcome { get; set; }

    [Display(Name = "Note (optional)")]
    public string? Note { get; set; }
}

public sealed class ScanForm
{
    [Display(Name = "Date of the scan")]
    public DateOnly? ScanOn { get; set; }

    [Display(Name = "Kind of scan")]
    public ImagingModality? Modality { get; set; }
}

public sealed class WaiveForm
{
    [Display(Name = "Why the follow-up scan is not needed")]
    public string? Reason { get; set; }
}

public sealed class StateForm
{
    [Display(Name = "New status")]
    public CourseState? State { get; set; }

    [Display(Name = "Reason (needed to stop or reopen)")]
    public string? Reason { get; set; }
}

public sealed class TransplantForm
{
    [Display(Name = "Listing status")]
    public TransplantListingStatus? Status { get; set; }

    [Display(Name = "Date listed")]
    public DateOnly? ListedOn { get; set; }
}

public sealed class PlanForm
{
    [Display(Name = "Email the referring doctor to confirm it (they update the labs and imaging and send it)")]
    public bool AskDoctorToConfirm { get; set; }
}

/// <summary>The baseline or a follow-up reading; a follow-up also shows the computed response once asked.</summary>
public sealed class ReadingPageViewModel
{
    public const string PreviewIntent = "preview";
    public const string RecordIntent = "record";

    public required GetCourse.CourseView Course { get; init; }

    /// <summary>0 for the baseline.</summary>
    public int SessionNumber { get; init; }

    public bool IsBaseline => SessionNumber == 0;

    public ReadingInput Reading { get; set; } = new();

    [Display(Name = "Override the computed category")]
    public ResponseCategory? Override { get; set; }

    [Display(Name = "Reason for the override")]
    public string? OverrideReason { get; set; }

    public string? Intent { get; set; }

    /// <summary>The computed response and transplant criteria, once previewed.</summary>
    public ScoreResponse.Score? Score { get; set; }

    /// <summary>The targets chosen at baseline (segment and diameter), for a follow-up's labels.</summary>
    public GetCourse.ReadingView? Baseline => Course.Baseline;

    public string Title => IsBaseline ? "Baseline scan" : $"Response after session {SessionNumber}";
}

public sealed record CourseListViewModel(ListCourses.CourseList List, bool IsStaff);

public sealed record ScanWorklistViewModel(ListFollowUpScans.ScanWorklist List);

public sealed record CallWorklistViewModel(ListFollowUpCalls.CallWorklist List);

public sealed record TumourBoardViewModel(ListTumourBoard.TumourBoard Board);

/// <summary>Staff complete a planned next session: the repeated labs and imaging, and the patient's condition now.</summary>
public sealed class PlannedSessionViewModel
{
    public required GetPlannedSession.PlannedSession Planned { get; init; }

    public SubmitPlannedSession.RefreshInput Refresh { get; set; } = new();
}
