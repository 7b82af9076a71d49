using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Courses;
using Scheduling.Domain.Patients;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Patients;

/// <summary>
/// Staff confirm that a referral is for a patient already on record (a record with its MRN, or its
/// name and date of birth): it joins that record, and at its procedure that patient's course. The
/// record it had alone before, if any, goes. Undone with <see cref="UnlinkReferralFromPatient"/>.
/// </summary>
public static class LinkReferralToPatient
{
    public sealed record Command(Guid ReferralId, Guid PatientId) : ICommand<Result>;

    public const string ChangedMessage = "This referral was just changed by someone else; reload it.";

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IUserDirectory directory, IAuditLog audit, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!CourseAccess.IsStaff(user))
            {
                return Error.NotFound();
            }

            var referral = await db.Referrals.SingleOrDefaultAsync(r => r.Id == command.ReferralId && r.Status != ReferralStatus.Draft, cancellationToken);
            var patient = await db.Patients.SingleOrDefaultAsync(p => p.Id == command.PatientId, cancellationToken);
            if (referral is null || patient is null)
            {
                return Error.NotFound();
            }

            if (!referral.CanChangePatient)
            {
                return Error.Conflict("The procedure of this referral is done; it is a session of its patient's course and its record no longer changes.");
            }

            if (referral.PatientId == patient.Id)
            {
                return Error.Conflict("The referral already belongs to this patient record.");
            }

            if (PatientKey.Of(referral).MatchReason(patient.Key) is not { } reason)
            {
                return Error.Validation(nameof(Command.PatientId), "This record has neither the referral's MRN nor its name and date of birth; it cannot be linked.");
            }

            var previous = referral.PatientId;
            var now = clock.GetUtcNow().UtcDateTime;
            referral.LinkToPatient(patient.Id, $"Linked to the patient record of {PatientRecords.Describe(patient, ClinicFormats.Date)} ({reason.ToLowerInvariant()}).", now, await directory.ActorAsync(user, cancellationToken));
            if (previous is { } earlier)
            {
                await PatientRecords.RemoveIfUnusedAsync(db, earlier, referral.Id, cancellationToken);
            }

            audit.Record("PatientLinked", nameof(Referral), referral.Id, $"Patient {patient.Id:N} ({reason})");
            return await db.SaveOrConflictAsync(ChangedMessage, cancellationToken) is { } conflict ? conflict : Result.Success();
        }
    }
}
