using FluentValidation;

using Mediator;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Common;
using Scheduling.Domain.Courses;

namespace Scheduling.Application.Features.Courses;

/// <summary>
/// An IR physician decides where the course stands: complete response, refractory, bridged to
/// transplant, moved to systemic therapy, stopped (with the reason), or open again (with the reason).
/// The history keeps every change.
/// </summary>
public static class ChangeCourseState
{
    public sealed record Command(Guid CourseId, CourseState? State, string? Reason) : ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.State).NotNull().IsInEnum().WithMessage("Choose the course's new status.");
    }

    public sealed class Handler(IApplicationDbContext db, IDatabaseErrors databaseErrors, ICurrentUser user, IUserDirectory directory, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var course = CourseAccess.IsPhysician(user) ? await CourseChanges.LoadAsync(db, user, command.CourseId, cancellationToken) : null;
            if (course is null)
            {
                return Error.NotFound();
            }

            if (course.CheckStateChange(command.State!.Value, command.Reason) is { } problem)
            {
                return CourseChanges.ToError([problem])!;
            }

            course.ChangeState(command.State.Value, command.Reason, clock.GetUtcNow().UtcDateTime, await directory.ActorAsync(user, cancellationToken));

            // Reopening while the patient has another active course loses at the one-active-course index.
            var anotherActive = databaseErrors.Duplicate(Error.Validation(nameof(Command.State), "The patient has another active course; close it before reopening this one."));
            return await db.SaveOrConflictAsync(ex => SaveOrConflict.ChangedMeanwhile(CourseChanges.ChangedMessage)(ex) ?? anotherActive(ex), cancellationToken) is { } conflict
                ? conflict
                : Result.Success();
        }
    }
}
