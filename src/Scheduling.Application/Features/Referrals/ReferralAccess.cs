using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Security;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Referrals;

/// <summary>
/// Per-record authorization for referrals: a referring doctor sees only their own; the clinic's
/// staff see all; anyone else sees none. Callers answer "not found" for what is filtered out, so a
/// guessed id tells nothing.
/// </summary>
public static class ReferralAccess
{
    public static bool IsStaff(ICurrentUser user) =>
        user.IsInRole(Roles.Scheduler) || user.IsInRole(Roles.Radiologist) || user.IsInRole(Roles.Admin);

    public static IQueryable<Referral> VisibleTo(this IQueryable<Referral> referrals, ICurrentUser user)
    {
        if (IsStaff(user))
        {
            return referrals;
        }

        var userId = user.UserId;
        return user.IsInRole(Roles.ReferringPhysician) && userId is not null
            ? referrals.Where(r => r.DoctorUserId == userId)
            : referrals.Where(r => false);
    }

    /// <summary>Only the doctor who owns a referral may change it.</summary>
    public static IQueryable<Referral> OwnedBy(this IQueryable<Referral> referrals, ICurrentUser user)
    {
        var userId = user.UserId;
        return user.IsInRole(Roles.ReferringPhysician) && userId is not null
            ? referrals.Where(r => r.DoctorUserId == userId)
            : referrals.Where(r => false);
    }
}
