using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Courses;
using Scheduling.Domain.Patients;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Patients;

/// <summary>Staff decide that a referral is for a patient not on record yet (none of the offered matches is them): it gets a record of its own.</summary>
public static class OpenPatientRecord
{
    public sealed record Command(Guid ReferralId) : ICommand<Result<Guid>>;

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IUserDirectory directory, TimeProvider clock) : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
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

            if (referral.PatientId is not null)
            {
                return Error.Conflict("The referral already has a patient record; undo that link first.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var patient = Patient.OpenFrom(referral, now);
            db.Patients.Add(patient);
            referral.LinkToPatient(patient.Id, "A new patient record was opened: staff confirmed this is not a patient on record.", now, await directory.ActorAsync(user, cancellationToken));
            if (await db.SaveOrConflictAsync(LinkReferralToPatient.ChangedMessage, cancellationToken) is { } conflict)
            {
                return conflict;
            }

            return patient.Id;
        }
    }
}
