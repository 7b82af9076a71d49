using FluentValidation;

using Mediator;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Common;
using Scheduling.Domain.Courses;

namespace Scheduling.Application.Features.Courses;

/// <summary>
/// An IR physician reads the follow-up scan after a session: the course computes the mRECIST
/// category (against the baseline for response, the nadir for progression) and the transplant
/// criteria; the physician may override the category with a reason. The referring doctor is emailed
/// that the assessment is on the course (never what it says).
/// </summary>
public static class RecordResponse
{
    public sealed record Command(Guid CourseId, int SessionNumber, ReadingInput Reading, ResponseCategory? Override, string? OverrideReason) : ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Override).IsInEnum().WithMessage("Choose a response category, or none to keep the computed one.");
    }

    public sealed class Handler(
        IApplicationDbContext db,
        ICurrentUser user,
        IUserDirectory directory,
        CourseNotifications notifications,
        ResponseCriteria criteria,
        TransplantCriteria transplantCriteria,
        CoursePolicy policy,
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

            if (CourseChanges.ToError(ScoreResponse.Problems(course, command.SessionNumber, command.Reading, command.Override, command.OverrideReason, clinicTime.Today(clock))) is { } invalid)
            {
                return invalid;
            }

            var reading = course.RecordResponse(command.SessionNumber, command.Reading.ToFindings(baseline: false), command.Override, command.OverrideReason,
                criteria, transplantCriteria, policy, clinicTime.Today(clock), clock.GetUtcNow().UtcDateTime, await directory.ActorAsync(user, cancellationToken));
            notifications.ResponseRecorded(course.Session(command.SessionNumber), reading.Revision);
            return await CourseChanges.SaveAsync(db, cancellationToken) is { } conflict ? conflict : Result.Success();
        }
    }
}
