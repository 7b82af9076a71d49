using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Accounts;

namespace Scheduling.Application.Features.Accounts;

/// <summary>The number in the Admin menu.</summary>
public static class CountPendingAccessRequests
{
    public sealed record Query : IQuery<Result<int>>;

    public sealed class Handler(IApplicationDbContext db) : IQueryHandler<Query, Result<int>>
    {
        public async ValueTask<Result<int>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.AccessRequests.CountAsync(r => r.Status == AccessRequestStatus.Pending, cancellationToken);
    }
}
