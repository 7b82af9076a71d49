using FluentValidation;

using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Bookings;

/// <summary>
/// A scheduler notes a call to the patient about a booking; it goes on the referral's timeline and the
/// audit log. A call that reached the patient with an interpreter on the line settles the booking's
/// "call with an interpreter" for its current date.
/// </summary>
public static class LogPatientCall
{
    public sealed record Command(Guid BookingId, CallOutcome? Outcome, string? Note, bool WithInterpreter = false) : ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Outcome).NotNull().WithMessage("Choose how the call went.")
                .IsInEnum().WithMessage("Choose how the call went.");
            RuleFor(c => c.Note).MaximumLength(PatientCall.NoteMaxLength)
                .WithMessage($"The note can be at most {PatientCall.NoteMaxLength} characters.");
        }
    }

    public sealed class Handler(IApplicationDbContext db, IAuditLog auditLog, ICurrentUser user, IUserDirectory directory, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!BookingRules.MayManageBookings(user))
            {
                return Error.NotFound();
            }

            var booking = command.WithInterpreter
                ? await db.Bookings.SingleOrDefaultAsync(b => b.Id == command.BookingId, cancellationToken)
                : await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == command.BookingId, cancellationToken);
            if (booking is null)
            {
                return Error.NotFound("The booking was not found.");
            }

            var referral = await db.Referrals.SingleAsync(r => r.Id == booking.ReferralId, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var note = command.WithInterpreter ? $"With an interpreter. {command.Note}".Trim() : command.Note;
            PatientCall.Log(referral, command.Outcome!.Value, note, now, await directory.ActorAsync(user, cancellationToken));
            if (command.WithInterpreter && command.Outcome == CallOutcome.Reached && booking.IsActive)
            {
                booking.RecordInterpreterCall(now);
            }

            // The note may hold patient detail; the audit line carries only the outcome.
            auditLog.Record("PatientCallLogged", nameof(Booking), booking.Id, PatientCall.Describe(command.Outcome.Value));
            if (await db.SaveOrConflictAsync(BookingRules.ReferralChangedMessage, cancellationToken) is { } conflict)
            {
                return conflict;
            }

            return Result.Success();
        }
    }
}
