using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Courses;

namespace Scheduling.Application.Features.Courses;

/// <summary>A scan reading as the radiologist types it (nothing trusted yet); the same form for the baseline and each follow-up.</summary>
public sealed record ReadingInput
{
    public DateOnly? ScanOn { get; init; }

    public ImagingModality? Modality { get; init; }

    public int? Target1Mm { get; init; }

    public int? Target1Segment { get; init; }

    public int? Target2Mm { get; init; }

    public int? Target2Segment { get; init; }

    public bool NewLesion { get; init; }

    public NonTargetStatus? NonTarget { get; init; }

    /// <summary>Other viable lesions in mm, as typed ("12, 25").</summary>
    public string? OtherLesionsMm { get; init; }

    public bool MacrovascularInvasion { get; init; }

    public bool ExtrahepaticSpread { get; init; }

    public string? Notes { get; init; }

    /// <summary>The form's own problems (missing answers, a list that is not millimetres), named by field; the course's rules come after.</summary>
    public IReadOnlyList<RuleProblem> Problems(bool baseline)
    {
        var problems = new List<RuleProblem>();
        if (ScanOn is null)
        {
            problems.Add(new RuleProblem(nameof(ScanOn), "Give the date of the scan."));
        }

        if (Modality is null || !Enum.IsDefined(Modality.Value))
        {
            problems.Add(new RuleProblem(nameof(Modality), "Choose CT or MRI."));
        }

        if (Target1Mm is null)
        {
            problems.Add(new RuleProblem(nameof(Target1Mm), baseline
                ? "Give the longest viable diameter of target lesion 1, in mm."
                : "Give the viable diameter of target lesion 1 now, in mm (0 when it no longer enhances)."));
        }

        if (Target2Segment is not null && Target2Mm is null)
        {
            problems.Add(new RuleProblem(nameof(Target2Mm), "Give the diameter of target lesion 2, or leave its segment empty."));
        }

        if (NonTarget is null || !Enum.IsDefined(NonTarget.Value))
        {
            problems.Add(new RuleProblem(nameof(NonTarget), "Choose how the non-target lesions look."));
        }

        if (LesionAssessment.TryParseLesions(OtherLesionsMm) is null)
        {
            problems.Add(new RuleProblem(nameof(OtherLesionsMm), "Write each lesion's diameter in whole millimetres, separated by commas (for example 12, 25)."));
        }

        return problems;
    }

    /// <summary>Only after <see cref="Problems"/> found none.</summary>
    public ScanFindings ToFindings(bool baseline)
    {
        var targets = Target2Mm is { } second ? new[] { Target1Mm!.Value, second } : [Target1Mm!.Value];
        int[]? segments = baseline ? (Target2Mm is null ? [Target1Segment ?? 0] : [Target1Segment ?? 0, Target2Segment ?? 0]) : null;
        return new ScanFindings(
            ScanOn!.Value,
            Modality!.Value,
            targets,
            segments,
            !baseline && NewLesion,
            NonTarget!.Value,
            LesionAssessment.TryParseLesions(OtherLesionsMm)!,
            MacrovascularInvasion,
            ExtrahepaticSpread,
            Notes);
    }
}

/// <summary>What the course use cases share: loading a course for a change, and turning the domain's problems into field errors.</summary>
public static class CourseChanges
{
    public const string ChangedMessage = "This treatment course was just changed by someone else; reload it and try again.";

    /// <summary>The course with what a change may touch (sessions with their events and calls, the readings), for staff only.</summary>
    public static Task<TreatmentCourse?> LoadAsync(IApplicationDbContext db, ICurrentUser user, Guid courseId, CancellationToken cancellationToken) =>
        CourseAccess.IsStaff(user)
            ? db.TreatmentCourses
                .Include(c => c.Sessions).ThenInclude(s => s.AdverseEvents)
                .Include(c => c.Sessions).ThenInclude(s => s.Calls)
                .Include(c => c.Assessments)
                .AsSplitQuery()
                .SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken)
            : Task.FromResult<TreatmentCourse?>(null);

    /// <summary>The domain's problems as field errors (a problem without a field is shown above the form).</summary>
    public static Error? ToError(IEnumerable<RuleProblem> problems, string prefix = "")
    {
        var list = problems.ToList();
        return list.Count == 0
            ? null
            : Error.Validation(list.GroupBy(p => p.Field.Length == 0 ? string.Empty : prefix + p.Field)
                .ToDictionary(g => g.Key, g => g.Select(p => p.Message).Distinct().ToArray()));
    }

    public static Task<Error?> SaveAsync(IApplicationDbContext db, CancellationToken cancellationToken) =>
        db.SaveOrConflictAsync(ChangedMessage, cancellationToken);
}
