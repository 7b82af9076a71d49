using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Referrals;

/// <summary>The signed-in doctor's own referrals, newest first.</summary>
public static class ListMyReferrals
{
    public sealed record Query : IQuery<Result<IReadOnlyList<Row>>>, IAuditedQuery;

    public sealed record Row(Guid Id, string PatientName, ReferralStatus Status, EligibilityOutcome? Outcome, Urgency? Urgency, DateTime CreatedAtUtc, DateTime? SubmittedAtUtc);

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IAuditLog audit) : IQueryHandler<Query, Result<IReadOnlyList<Row>>>
    {
        public async ValueTask<Result<IReadOnlyList<Row>>> Handle(Query query, CancellationToken cancellationToken)
        {
            var rows = await db.Referrals.AsNoTracking().OwnedBy(user)
                .OrderByDescending(r => r.CreatedAtUtc)
                .Select(r => new { r.Id, r.PatientFirstName, r.PatientLastName, r.Status, r.Outcome, r.Urgency, r.CreatedAtUtc, r.SubmittedAtUtc })
                .ToListAsync(cancellationToken);

            audit.RecordListView("ReferralList", "Referral", rows.Select(r => r.Id), $"{rows.Count} referrals");

            return rows
                .Select(r => new Row(r.Id, $"{r.PatientFirstName} {r.PatientLastName}", r.Status, r.Outcome, r.Urgency, r.CreatedAtUtc, r.SubmittedAtUtc))
                .ToList();
        }
    }
}
