using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Review;

/// <summary>
/// Referrals an IR physician sent back to the referring doctor for more information, oldest request
/// first, so the reviewers see what is still out and can chase it; they return to the review queue
/// when the doctor resubmits.
/// </summary>
public static class ListAwaitingDoctor
{
    public const int MaxRows = 200;

    public sealed record Query : IQuery<Result<IReadOnlyList<Row>>>, IAuditedQuery;

    public sealed record Row(Guid Id, string PatientName, string PracticeName, string? Request, string? AskedBy, DateTime? AskedAtUtc);

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IAuditLog audit) : IQueryHandler<Query, Result<IReadOnlyList<Row>>>
    {
        public async ValueTask<Result<IReadOnlyList<Row>>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!user.IsInRole(Roles.Radiologist))
            {
                return Error.NotFound();
            }

            var rows = await db.Referrals.AsNoTracking().VisibleTo(user)
                .Where(r => r.Status == ReferralStatus.InformationRequested)
                .OrderBy(r => r.DecidedAtUtc)
                .Take(MaxRows)
                .Select(r => new Row(r.Id, r.PatientFirstName + " " + r.PatientLastName, r.PracticeName, r.DecisionReason, r.DecidedBy, r.DecidedAtUtc))
                .ToListAsync(cancellationToken);

            audit.RecordListView("AwaitingDoctorList", nameof(Referral), rows.Select(r => r.Id), $"{rows.Count} referrals");
            return rows;
        }
    }
}
