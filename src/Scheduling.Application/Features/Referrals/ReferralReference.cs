namespace Scheduling.Application.Features.Referrals;

/// <summary>Short reference staff and doctors quote on the phone; no patient data in it.</summary>
public static class ReferralReference
{
    /// <summary>The random tail of the version-7 id (its head is a timestamp shared by neighbours).</summary>
    public static string For(Guid referralId) => "R-" + referralId.ToString("N")[^6..].ToUpperInvariant();
}
