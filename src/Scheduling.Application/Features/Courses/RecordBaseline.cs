using Mediator;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Common;
using Scheduling.Domain.Courses;

namespace Scheduling.Application.Features.Courses;

/// <summary>
/// An IR physician records the baseline scan: up to two target lesions (each at least 10 mm of viable
/// tumour, with its segment), the non-target lesions, and the other lesions and findings for the
/// transplant criteria. Every follow-up is measured against it; it is fixed once one is.
/// </summary>
public static class RecordBaseline
{
    public sealed record Command(Guid CourseId, ReadingInput Reading) : ICommand<Result>;

    public sealed class Handler(
        IApplicationDbContext db,
        ICurrentUser user,
        IUserDirectory directory,
        ResponseCriteria criteria,
        TransplantCriteria transplantCriteria,
        ClinicTime clinicTime,
        TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var course = CourseAccess.IsPhysician(user) ? await CourseChanges.LoadAsync(db, user, command.CourseId, cancellationToken) : null;
            if (course is null)
            {
                return Error.NotFound();
            }

            var today = clinicTime.Today(clock);
            if (CourseChanges.ToError(command.Reading.Problems(baseline: true)) is { } incomplete)
            {
                return incomplete;
            }

            var findings = command.Reading.ToFindings(baseline: true);
            if (CourseChanges.ToError(course.CheckBaseline(findings, criteria, today, ClinicFormats.Day)) is { } invalid)
            {
                return invalid;
            }

            course.RecordBaseline(findings, criteria, transplantCriteria, today, clock.GetUtcNow().UtcDateTime, await directory.ActorAsync(user, cancellationToken));
            return await CourseChanges.SaveAsync(db, cancellationToken) is { } conflict ? conflict : Result.Success();
        }
    }
}
