using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Common;
using Scheduling.Domain.Courses;

namespace Scheduling.Application.Features.Courses;

/// <summary>
/// What a follow-up reading would be scored as, with its arithmetic and the transplant criteria,
/// before anything is recorded: the radiologist sees the computed category, then records it or
/// overrides it with a reason. The same computation <see cref="RecordResponse"/> stores.
/// </summary>
public static class ScoreResponse
{
    public sealed record Query(Guid CourseId, int SessionNumber, ReadingInput Reading) : IQuery<Result<Score>>, IAuditedQuery;

    public sealed record Score(MrecistResult Response, TransplantEvaluation Transplant);

    /// <summary>The reading's problems, the form's and the course's, as <see cref="RecordResponse"/> checks them.</summary>
    public static IReadOnlyList<Domain.Courses.RuleProblem> Problems(
        TreatmentCourse course, int sessionNumber, ReadingInput reading, ResponseCategory? overrideCategory, string? overrideReason, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(reading);
        if (course.FindSession(sessionNumber) is null)
        {
            return course.CheckResponse(sessionNumber, new ScanFindings(today, ImagingModality.Ct, [0], null, false, NonTargetStatus.None, [], false, false, null), null, null, today);
        }

        var problems = reading.Problems(baseline: false);
        return problems.Count > 0
            ? problems
            : course.CheckResponse(sessionNumber, reading.ToFindings(baseline: false), overrideCategory, overrideReason, today, ClinicFormats.Day);
    }

    public sealed class Handler(
        IApplicationDbContext db,
        ICurrentUser user,
        IAuditLog audit,
        ResponseCriteria criteria,
        TransplantCriteria transplantCriteria,
        ClinicTime clinicTime,
        TimeProvider clock) : IQueryHandler<Query, Result<Score>>
    {
        public async ValueTask<Result<Score>> Handle(Query query, CancellationToken cancellationToken)
        {
            var course = CourseAccess.IsPhysician(user)
                ? await db.TreatmentCourses.AsNoTracking().Include(c => c.Sessions).Include(c => c.Assessments).AsSplitQuery()
                    .SingleOrDefaultAsync(c => c.Id == query.CourseId, cancellationToken)
                : null;
            if (course is null)
            {
                return Error.NotFound();
            }

            audit.RecordView(nameof(TreatmentCourse), course.Id, $"Response preview, session {query.SessionNumber}");
            if (CourseChanges.ToError(Problems(course, query.SessionNumber, query.Reading, null, null, clinicTime.Today(clock))) is { } invalid)
            {
                return invalid;
            }

            var findings = query.Reading.ToFindings(baseline: false);
            return new Score(course.ScoreResponse(query.SessionNumber, findings, criteria), Transplant.Evaluate(findings.Burden, transplantCriteria));
        }
    }
}
