using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;

namespace Scheduling.Application.Features.Closures;

/// <summary>One closure (who added it, by name) and the bookings it hit, which a scheduler must move.</summary>
public static class GetClosure
{
    public sealed record Query(Guid ClosureId) : IQuery<Result<View>>, IAuditedQuery;

    public sealed record View(ListClosures.Row Closure, IReadOnlyList<AffectedBookings.Row> AffectedBookings);

    public sealed class Handler(IApplicationDbContext db, AffectedBookings affected, IUserDirectory directory) : IQueryHandler<Query, Result<View>>
    {
        public async ValueTask<Result<View>> Handle(Query query, CancellationToken cancellationToken)
        {
            var closure = await (
                    from c in db.Closures.AsNoTracking()
                    where c.Id == query.ClosureId
                    join r in db.Rooms on c.RoomId equals r.Id into room
                    from r in room.DefaultIfEmpty()
                    select new
                    {
                        Row = new ListClosures.Row(c.Id, r == null ? null : r.Name, c.FromDate, c.ToDate, c.Reason, c.CreatedBy),
                        c.RoomId,
                    })
                .SingleOrDefaultAsync(cancellationToken);
            if (closure is null)
            {
                return Error.NotFound("That closure does not exist.");
            }

            var rows = await affected.ListAsync(closure.Row.From, closure.Row.To, closure.RoomId, cancellationToken);

            // Who added it, by name: the closure keeps the sign-in name it was added under.
            var addedBy = await directory.DisplayNameOfAsync(closure.Row.CreatedBy, cancellationToken);
            return new View(closure.Row with { CreatedBy = addedBy }, rows);
        }
    }
}
