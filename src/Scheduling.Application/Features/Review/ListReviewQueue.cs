using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Lists;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Review;

/// <summary>
/// Referrals waiting for an IR physician's decision: urgent first, then the longest waiting, a page
/// at a time with the count of all of them. The order is stored on the referral (<see
/// cref="Referral.QueueRank"/>, <see cref="Referral.QueueSinceUtc"/>) and read from its index.
/// </summary>
public static class ListReviewQueue
{
    public const int PageSize = 50;

    /// <summary>The review queue and its order, in SQL: awaiting review, urgent first, then the longest waiting.</summary>
    public static IOrderedQueryable<Referral> InReviewOrder(this IQueryable<Referral> referrals) => referrals
        .Where(r => r.Status == ReferralStatus.AwaitingReview)
        .OrderBy(r => r.QueueRank)
        .ThenBy(r => r.QueueSinceUtc)
        .ThenBy(r => r.Id);

    /// <param name="Page">1-based; past the last page gives the last page.</param>
    public sealed record Query(int Page = 1) : IQuery<Result<Queue>>, IAuditedQuery;

    public sealed record Queue(IReadOnlyList<Row> Rows, PagePosition Position);

    public sealed record Row(
        Guid Id,
        string PatientName,
        string Diagnosis,
        string PracticeName,
        Urgency Urgency,
        EligibilityOutcome? Outcome,
        DateTime SubmittedAtUtc,
        IReadOnlyList<FindingView> Findings);

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IAuditLog audit) : IQueryHandler<Query, Result<Queue>>
    {
        public async ValueTask<Result<Queue>> Handle(Query query, CancellationToken cancellationToken)
        {
            var waiting = db.Referrals.AsNoTracking().VisibleTo(user).InReviewOrder();
            var position = PagePosition.Of(query.Page, PageSize, await waiting.CountAsync(cancellationToken));
            var referrals = await waiting
                .Skip(position.Skip)
                .Take(PageSize)
                .Select(r => new
                {
                    r.Id,
                    r.PatientFirstName,
                    r.PatientLastName,
                    r.Diagnosis,
                    r.PracticeName,
                    r.Urgency,
                    r.Outcome,
                    r.SubmittedAtUtc,
                    r.CreatedAtUtc,
                    r.FindingsJson,
                })
                .ToListAsync(cancellationToken);

            audit.RecordListView("ReviewQueue", nameof(Referral), referrals.Select(r => r.Id),
                $"Page {position.Number} ({referrals.Count} of {position.Total} referrals)");

            var rows = referrals
                .Select(r => new Row(
                    r.Id,
                    $"{r.PatientFirstName} {r.PatientLastName}",
                    r.Diagnosis,
                    r.PracticeName,
                    r.Urgency ?? Urgency.Routine,
                    r.Outcome,
                    r.SubmittedAtUtc ?? r.CreatedAtUtc,
                    FindingView.FromJson(r.FindingsJson)))
                .ToList();
            return new Queue(rows, position);
        }
    }
}
