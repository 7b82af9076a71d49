using FluentValidation;

using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Common;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Referrals;

/// <summary>
/// Creates a draft referral, or updates the doctor's own draft: only the patient's name and date of
/// birth are needed, everything else (details and questionnaire) may still be missing.
/// </summary>
public static class SaveDraft
{
    public sealed record Command(Guid? ReferralId, ReferralDetailsInput Details, QuestionnaireInput Questionnaire) : ICommand<Result<Guid>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock, ClinicTime clinicTime)
        {
            RuleFor(c => c.Details).NotNull().SetValidator(new ReferralDetailsValidator(clock, clinicTime, requireComplete: false));
            RuleFor(c => c.Questionnaire).NotNull().SetValidator(new DraftQuestionnaireValidator(clock, clinicTime));
        }
    }

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock)
        : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            var result = await SaveAsync(db, user, command.ReferralId, command.Details, command.Questionnaire, clock.GetUtcNow().UtcDateTime, cancellationToken);
            if (result.Failed(out var error, out var referral))
            {
                return error;
            }

            await db.SaveChangesAsync(cancellationToken);
            return referral.Id;
        }

        /// <summary>Shared with <see cref="SubmitReferral"/>: the referral as it stands after the form was applied, not yet saved.</summary>
        internal static async Task<Result<Referral>> SaveAsync(
            IApplicationDbContext db,
            ICurrentUser user,
            Guid? referralId,
            ReferralDetailsInput details,
            QuestionnaireInput questionnaire,
            DateTime nowUtc,
            CancellationToken cancellationToken)
        {
            if (user.UserId is null || !user.IsInRole(Common.Security.Roles.ReferringPhysician))
            {
                return Error.NotFound();
            }

            Referral referral;
            if (referralId is { } id)
            {
                var found = await db.Referrals.OwnedBy(user).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
                if (found is null)
                {
                    return Error.NotFound();
                }

                if (found.Status != ReferralStatus.Draft)
                {
                    return Error.Conflict("This referral has been sent: update it with \"Save and send again\", it is not a draft any more.");
                }

                referral = found;
            }
            else
            {
                referral = Referral.CreateDraft(user.UserId, details.ToDetails(), nowUtc);
                db.Referrals.Add(referral);
            }

            referral.UpdateDraft(details.ToDetails(), questionnaire.ToJson(), nowUtc);
            return referral;
        }
    }
}
