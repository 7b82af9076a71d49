using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Accounts;

namespace Scheduling.Application.Features.Accounts;

public static class ListAccessRequests
{
    public sealed record Query(bool PendingOnly) : IQuery<Result<IReadOnlyList<Row>>>;

    public sealed record Row(
        Guid Id, string FullName, string Practice, string Npi, string Email, string Phone, string? Note,
        DateTime CreatedAtUtc, AccessRequestStatus Status, string? DeclineReason, DateTime? DecidedAtUtc);

    public sealed class Handler(IApplicationDbContext db) : IQueryHandler<Query, Result<IReadOnlyList<Row>>>
    {
        public async ValueTask<Result<IReadOnlyList<Row>>> Handle(Query query, CancellationToken cancellationToken)
        {
            var requests = db.AccessRequests.AsNoTracking();
            if (query.PendingOnly)
            {
                requests = requests.Where(r => r.Status == AccessRequestStatus.Pending);
            }

            return await requests
                .OrderBy(r => r.Status == AccessRequestStatus.Pending ? 0 : 1)
                .ThenByDescending(r => r.CreatedAtUtc)
                .Take(200)
                .Select(r => new Row(r.Id, r.FullName, r.Practice, r.Npi, r.Email, r.Phone, r.Note, r.CreatedAtUtc, r.Status, r.DeclineReason, r.DecidedAtUtc))
                .ToListAsync(cancellationToken);
        }
    }
}
