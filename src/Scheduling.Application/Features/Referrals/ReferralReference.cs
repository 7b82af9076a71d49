using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Referrals;

/// <summary>Short reference staff and doctors quote on the phone; no patient data in it.</summary>
public static class ReferralReference
{
    /// <summary>The rule is the domain's (<see cref="Referral.ReferenceOf"/>): timelines written there quote the same reference.</summary>
    public static string For(Guid referralId) => Referral.ReferenceOf(referralId);
}
