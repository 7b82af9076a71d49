using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Common.Security;
using Scheduling.Domain.Common;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Start;

/// <summary>
/// What waits for an IR physician on their start page: how many referrals wait for a review decision,
/// how many of them are urgent, and how long the one waiting longest has waited. Counts only, no patient.
/// </summary>
public static class GetReviewStart
{
    public sealed record Query : IQuery<Result<View>>;

    /// <param name="OldestSinceLocal">Clinic time the longest-waiting referral was sent; null when none waits.</param>
    public sealed record View(int Waiting, int Urgent, DateTime? OldestSinceLocal, TimeSpan OldestWait);

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, ClinicTime clinicTime, TimeProvider clock)
        : IQueryHandler<Query, Result<View>>
    {
        public async ValueTask<Result<View>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!user.IsInRole(Roles.Radiologist))
            {
                return Error.NotFound();
            }

            // The same set as the review queue (ListReviewQueue): every referral awaiting review.
            var waiting = db.Referrals.AsNoTracking().Where(r => r.Status == ReferralStatus.AwaitingReview);
            var count = await waiting.CountAsync(cancellationToken);
            if (count == 0)
            {
                return new View(0, 0, null, TimeSpan.Zero);
            }

            var urgent = await waiting.CountAsync(r => r.QueueRank == Referral.UrgentRank, cancellationToken);
            var oldest = await waiting.MinAsync(r => r.SubmittedAtUtc ?? r.CreatedAtUtc, cancellationToken);
            var wait = clock.GetUtcNow().UtcDateTime - oldest;
            return new View(count, urgent, clinicTime.ToLocal(oldest), wait < TimeSpan.Zero ? TimeSpan.Zero : wait);
        }
    }
}
