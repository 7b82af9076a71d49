using FluentValidation;

using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Courses;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Patients;

/// <summary>
/// A wrong link undone, with the reason: the referral no longer belongs to the patient record (nor to
/// a course it was planned from), and is offered the matches again. Possible until its procedure is
/// done; after that it is a session of that patient's course.
/// </summary>
public static class UnlinkReferralFromPatient
{
    public sealed record Command(Guid ReferralId, string? Reason) : ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reason).Cascade(CascadeMode.Stop)
                .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Say why the link is wrong.")
                .Must(r => r!.Trim().Length <= Referral.ReasonMaxLength).WithMessage($"The reason can be at most {Referral.ReasonMaxLength} characters.");
        }
    }

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IUserDirectory directory, IAuditLog audit, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!CourseAccess.IsStaff(user))
            {
                return Error.NotFound();
            }

            var referral = await db.Referrals.SingleOrDefaultAsync(r => r.Id == command.ReferralId && r.Status != ReferralStatus.Draft, cancellationToken);
            if (referral is null)
            {
                return Error.NotFound();
            }

            if (referral.PatientId is not { } patientId)
            {
                return Error.Conflict("The referral is not linked to a patient record.");
            }

            if (!referral.CanChangePatient)
            {
                return Error.Conflict("The procedure of this referral is done; it is a session of its patient's course and its record no longer changes.");
            }

            referral.UnlinkPatient(command.Reason!, clock.GetUtcNow().UtcDateTime, await directory.ActorAsync(user, cancellationToken));
            await PatientRecords.RemoveIfUnusedAsync(db, patientId, referral.Id, cancellationToken);
            audit.Record("PatientUnlinked", nameof(Referral), referral.Id, $"Patient {patientId:N}");
            return await db.SaveOrConflictAsync(LinkReferralToPatient.ChangedMessage, cancellationToken) is { } conflict ? conflict : Result.Success();
        }
    }
}
