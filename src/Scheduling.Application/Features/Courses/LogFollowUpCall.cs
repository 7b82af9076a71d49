using FluentValidation;

using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Courses;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Courses;

/// <summary>
/// A post-procedure call (day 1, day 7) made: how it went goes on the session (reached: done; no
/// answer or a message: it stays on the calls worklist) and, with the note, on the referral's
/// timeline, as every call to a patient does.
/// </summary>
public static class LogFollowUpCall
{
    public sealed record Command(Guid CourseId, int SessionNumber, int Day, CallOutcome? Outcome, string? Note) : ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Outcome).NotNull().IsInEnum().WithMessage("Choose how the call went.");
            RuleFor(c => c.Note).MaximumLength(PatientCall.NoteMaxLength).WithMessage($"The note can be at most {PatientCall.NoteMaxLength} characters.");
        }
    }

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IUserDirectory directory, IAuditLog audit, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var course = await CourseChanges.LoadAsync(db, user, command.CourseId, cancellationToken);
            if (course?.FindSession(command.SessionNumber) is not { } session || session.Calls.SingleOrDefault(c => c.Day == command.Day) is not { } call)
            {
                return Error.NotFound();
            }

            if (call.IsDone)
            {
                return Error.Conflict($"The day-{command.Day} call after session {command.SessionNumber} is already done.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var actor = await directory.ActorAsync(user, cancellationToken);
            var referral = await db.Referrals.SingleAsync(r => r.Id == session.ReferralId, cancellationToken);
            course.LogCall(command.SessionNumber, command.Day, command.Outcome!.Value, now, actor);
            PatientCall.Log(referral, command.Outcome.Value, command.Note, now, actor, about: $"Day-{command.Day} call after session {command.SessionNumber}");

            // The note may hold patient detail; the audit line carries only the outcome.
            audit.Record("PatientCallLogged", nameof(CourseSession), session.Id, $"Day {command.Day}: {PatientCall.Describe(command.Outcome.Value)}");
            return await CourseChanges.SaveAsync(db, cancellationToken) is { } conflict ? conflict : Result.Success();
        }
    }
}
