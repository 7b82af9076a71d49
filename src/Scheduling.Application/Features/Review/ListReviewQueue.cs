using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Review;

/// <summary>Referrals waiting for an IR physician's decision: urgent first, then the longest waiting.</summary>
public static class ListReviewQueue
{
    public sealed record Query : IQuery<Result<IReadOnlyList<Row>>>, IAuditedQuery;

    public sealed record Row(
        Guid Id,
        string PatientName,
        string Diagnosis,
        string PracticeName,
        Urgency Urgency,
        EligibilityOutcome? Outcome,
        DateTime SubmittedAtUtc,
        IReadOnlyList<FindingView> Findings);

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IAuditLog audit) : IQueryHandler<Query, Result<IReadOnlyList<Row>>>
    {
        public async ValueTask<Result<IReadOnlyList<Row>>> Handle(Query query, CancellationToken cancellationToken)
        {
            var referrals = await db.Referrals.AsNoTracking().VisibleTo(user)
                .Where(r => r.Status == ReferralStatus.AwaitingReview)
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

            audit.RecordListView("ReviewQueue", nameof(Referral), referrals.Select(r => r.Id), $"{referrals.Count} referrals");

            return referrals
                .OrderBy(r => r.Urgency == Urgency.Urgent ? 0 : 1)
                .ThenBy(r => r.SubmittedAtUtc ?? r.CreatedAtUtc)
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
        }
    }
}
