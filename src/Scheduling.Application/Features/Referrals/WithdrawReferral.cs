using FluentValidation;

using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Referrals;

/// <summary>The referring doctor takes back a referral that is not yet scheduled, saying why.</summary>
public static class WithdrawReferral
{
    public sealed record Command(Guid ReferralId, string? Reason) : ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reason).Cascade(CascadeMode.Stop)
                .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Say why the referral is withdrawn.")
                .Must(r => r!.Trim().Length <= Referral.ReasonMaxLength).WithMessage($"The reason can be at most {Referral.ReasonMaxLength} characters.");
        }
    }

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IUserDirectory directory, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var referral = await db.Referrals.OwnedBy(user).SingleOrDefaultAsync(r => r.Id == command.ReferralId, cancellationToken);
            if (referral is null)
            {
                return Error.NotFound();
            }

            if (!referral.CanBeWithdrawn)
            {
                return Error.Conflict(referral.Status == ReferralStatus.Scheduled
                    ? "This referral is already scheduled; call the clinic to cancel the appointment."
                    : $"This referral is {referral.Status} and can no longer be withdrawn.");
            }

            referral.Withdraw(command.Reason!, clock.GetUtcNow().UtcDateTime, await directory.ActorAsync(user, cancellationToken));
            if (await db.SaveOrConflictAsync("The referral changed at the same time (it may just have been scheduled); open it again.", cancellationToken) is { } conflict)
            {
                return conflict;
            }

            return Result.Success();
        }
    }
}
