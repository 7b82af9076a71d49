using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Common;

namespace Scheduling.Application.Features.Closures;

/// <summary>Closures that still matter (ending today or later), soonest first, and the rooms a new one can name.</summary>
public static class ListClosures
{
    public sealed record Query : IQuery<Result<View>>;

    public sealed record Row(Guid Id, string? RoomName, DateOnly From, DateOnly To, string Reason, string CreatedBy);

    public sealed record RoomOption(Guid Id, string Name);

    public sealed record View(IReadOnlyList<Row> Closures, IReadOnlyList<RoomOption> Rooms, DateOnly Today);

    public sealed class Handler(IApplicationDbContext db, ClinicTime clinicTime, TimeProvider clock) : IQueryHandler<Query, Result<View>>
    {
        public async ValueTask<Result<View>> Handle(Query query, CancellationToken cancellationToken)
        {
            var today = clinicTime.Today(clock);
            var closures = await (
                    from c in db.Closures.AsNoTracking()
                    where c.ToDate >= today
                    join r in db.Rooms on c.RoomId equals r.Id into room
                    from r in room.DefaultIfEmpty()
                    orderby c.FromDate, c.ToDate
                    select new Row(c.Id, r == null ? null : r.Name, c.FromDate, c.ToDate, c.Reason, c.CreatedBy))
                .ToListAsync(cancellationToken);
            var rooms = await db.Rooms.AsNoTracking()
                .OrderBy(r => r.Name)
                .Select(r => new RoomOption(r.Id, r.Name))
                .ToListAsync(cancellationToken);
            return new View(closures, rooms, today);
        }
    }
}
