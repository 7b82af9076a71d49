using FluentValidation;

using Mediator;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Common;
using Scheduling.Domain.Courses;

namespace Scheduling.Application.Features.Courses;

/// <summary>Staff record how the patient left after a session: same day, planned overnight or an unplanned admission, why, and after how many hours.</summary>
public static class RecordDischarge
{
    public sealed record Command(Guid CourseId, int SessionNumber, DischargeKind? Kind, string? Reason, decimal? HoursToDischarge) : ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Kind).NotNull().IsInEnum().WithMessage("Choose how the patient left.");
            RuleFor(c => c.HoursToDischarge).NotNull().WithMessage("Give the hours from the procedure to discharge.");
        }
    }

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IUserDirectory directory, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var course = await CourseChanges.LoadAsync(db, user, command.CourseId, cancellationToken);
            if (course?.FindSession(command.SessionNumber) is null)
            {
                return Error.NotFound();
            }

            if (CourseChanges.ToError(CourseSession.CheckDischarge(command.Kind!.Value, command.Reason, command.HoursToDischarge!.Value)) is { } invalid)
            {
                return invalid;
            }

            course.RecordDischarge(command.SessionNumber, command.Kind.Value, command.Reason, command.HoursToDischarge.Value, clock.GetUtcNow().UtcDateTime, await directory.ActorAsync(user, cancellationToken));
            return await CourseChanges.SaveAsync(db, cancellationToken) is { } conflict ? conflict : Result.Success();
        }
    }
}
