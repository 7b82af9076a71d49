using Mediator;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;

namespace Scheduling.Application.Features.Closures;

/// <summary>The scheduler's list of every active booking whose slot was withdrawn, soonest first.</summary>
public static class ListBookingsAffectedByClosures
{
    public sealed record Query : IQuery<Result<IReadOnlyList<AffectedBookings.Row>>>, IAuditedQuery;

    public sealed class Handler(AffectedBookings affected) : IQueryHandler<Query, Result<IReadOnlyList<AffectedBookings.Row>>>
    {
        public async ValueTask<Result<IReadOnlyList<AffectedBookings.Row>>> Handle(Query query, CancellationToken cancellationToken) =>
            Result<IReadOnlyList<AffectedBookings.Row>>.Success(await affected.ListAsync(null, null, null, cancellationToken));
    }
}
