using Mediator;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;

namespace Scheduling.Application.Features.Referrals;

/// <summary>A new referral form prefilled with the doctor's practice and contact from their profile.</summary>
public static class GetNewReferralDefaults
{
    public sealed record Query : IQuery<Result<ReferralDetailsInput>>;

    public sealed class Handler(ICurrentUser user, IUserDirectory directory) : IQueryHandler<Query, Result<ReferralDetailsInput>>
    {
        public async ValueTask<Result<ReferralDetailsInput>> Handle(Query query, CancellationToken cancellationToken)
        {
            var profile = user.UserId is null ? null : await directory.FindAsync(user.UserId, cancellationToken);
            var contact = profile is null
                ? null
                : string.Join(", ", new[] { profile.FullName, profile.PracticePhone, profile.Email }.Where(s => !string.IsNullOrWhiteSpace(s)));
            return new ReferralDetailsInput
            {
                PracticeName = profile?.PracticeName,
                PracticeContact = string.IsNullOrWhiteSpace(contact) ? null
                    : contact.Length > Domain.Referrals.Referral.PracticeMaxLength ? contact[..Domain.Referrals.Referral.PracticeMaxLength] : contact,
                Urgency = Domain.Referrals.Urgency.Routine,
            };
        }
    }
}
