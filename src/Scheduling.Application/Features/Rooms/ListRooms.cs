using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;

namespace Scheduling.Application.Features.Rooms;

public static class ListRooms
{
    public sealed record Query(bool IncludeInactive = true) : IQuery<Result<IReadOnlyList<RoomRow>>>;

    public sealed record RoomRow(Guid Id, string Name, string? Location, bool IsActive);

    public sealed class Handler(IApplicationDbContext db) : IQueryHandler<Query, Result<IReadOnlyList<RoomRow>>>
    {
        public async ValueTask<Result<IReadOnlyList<RoomRow>>> Handle(Query query, CancellationToken cancellationToken)
        {
            var rooms = db.Rooms.AsNoTracking();
            if (!query.IncludeInactive)
            {
                rooms = rooms.Where(r => r.IsActive);
            }

            var rows = await rooms
                .OrderByDescending(r => r.IsActive)
                .ThenBy(r => r.Name)
                .Select(r => new RoomRow(r.Id, r.Name, r.Location, r.IsActive))
                .ToListAsync(cancellationToken);
            return rows;
        }
    }
}
