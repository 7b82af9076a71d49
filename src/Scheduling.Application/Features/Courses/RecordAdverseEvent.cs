using FluentValidation;

using Mediator;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Common;
using Scheduling.Domain.Courses;

namespace Scheduling.Application.Features.Courses;

/// <summary>Staff record an adverse event after a session: its CTCAE v5.0 term and grade (1 to 5), onset, attribution and whether it is serious.</summary>
public static class RecordAdverseEvent
{
    public sealed record Command(Guid CourseId, int SessionNumber, string? Term, int? Grade, DateOnly? OnsetOn, Attribution? Attribution, bool Serious) : ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Grade).NotNull().WithMessage($"Choose the CTCAE grade ({AdverseEvent.MinGrade} to {AdverseEvent.MaxGrade}).");
            RuleFor(c => c.OnsetOn).NotNull().WithMessage("Give the day the event began.");
            RuleFor(c => c.Attribution).NotNull().IsInEnum().WithMessage("Choose how likely the procedure caused it.");
        }
    }

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IUserDirectory directory, ClinicTime clinicTime, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var course = await CourseChanges.LoadAsync(db, user, command.CourseId, cancellationToken);
            if (course?.FindSession(command.SessionNumber) is not { } session)
            {
                return Error.NotFound();
            }

            var today = clinicTime.Today(clock);
            if (CourseChanges.ToError(session.CheckAdverseEvent(command.Term, command.Grade!.Value, command.OnsetOn!.Value, today, ClinicFormats.Day)) is { } invalid)
            {
                return invalid;
            }

            course.AddAdverseEvent(command.SessionNumber, command.Term!, command.Grade.Value, command.OnsetOn.Value, command.Attribution!.Value, command.Serious,
                today, clock.GetUtcNow().UtcDateTime, await directory.ActorAsync(user, cancellationToken));
            return await CourseChanges.SaveAsync(db, cancellationToken) is { } conflict ? conflict : Result.Success();
        }
    }
}
