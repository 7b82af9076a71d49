using FluentValidation;

using Mediator;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Courses;

namespace Scheduling.Application.Features.Courses;

/// <summary>A follow-up scan that will not be done (the patient moved to hospice care, imaged elsewhere for another reason): it leaves the worklist and its emails stop, with the reason on the course.</summary>
public static class WaiveFollowUp
{
    public sealed record Command(Guid CourseId, int SessionNumber, string? Reason) : ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reason).Cascade(CascadeMode.Stop)
                .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Say why the scan is not needed.")
                .Must(r => r!.Trim().Length <= CourseSession.ReasonMaxLength).WithMessage($"The reason can be at most {CourseSession.ReasonMaxLength} characters.");
        }
    }

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IUserDirectory directory, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var course = await CourseChanges.LoadAsync(db, user, command.CourseId, cancellationToken);
            if (course?.FindSession(command.SessionNumber) is not { } session)
            {
                return Error.NotFound();
            }

            if (session.ScanDoneOn is not null)
            {
                return Error.Conflict("The follow-up scan is already done.");
            }

            course.WaiveFollowUp(command.SessionNumber, command.Reason!, clock.GetUtcNow().UtcDateTime, await directory.ActorAsync(user, cancellationToken));
            return await CourseChanges.SaveAsync(db, cancellationToken) is { } conflict ? conflict : Result.Success();
        }
    }
}
