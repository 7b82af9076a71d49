using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Slots;
using Scheduling.Domain.Slots;

namespace Scheduling.Application.Features.Bookings;

/// <summary>
/// "Next available": the first free future slots across rooms in service, from a clinic-local date,
/// optionally in one room. Free is <see cref="SlotAvailability.FreeSlotsAt"/>.
/// </summary>
public static class FindFreeSlots
{
    public const int DefaultCount = 20;

    public sealed record Query(Guid? RoomId = null, DateOnly? From = null, int Count = DefaultCount) : IQuery<Result<IReadOnlyList<FreeSlot>>>;

    /// <param name="InsideLeadTime">Before the earliest bookable day: booking it needs the scheduler's reason.</param>
    public sealed record FreeSlot(Guid SlotId, Guid RoomId, string RoomName, DateTime LocalStart, DateTime LocalEnd, bool InsideLeadTime);

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, ClinicTime clinicTime, SlotPolicy policy, TimeProvider clock)
        : IQueryHandler<Query, Result<IReadOnlyList<FreeSlot>>>
    {
        public async ValueTask<Result<IReadOnlyList<FreeSlot>>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!BookingRules.MayManageBookings(user))
            {
                return Error.NotFound();
            }

            return Result<IReadOnlyList<FreeSlot>>.Success(
                await ListAsync(db, clinicTime, policy, clock.GetUtcNow().UtcDateTime, query.RoomId, query.From, query.Count, cancellationToken));
        }
    }

    internal static async Task<IReadOnlyList<FreeSlot>> ListAsync(
        IApplicationDbContext db, ClinicTime clinicTime, SlotPolicy policy, DateTime nowUtc,
        Guid? roomId, DateOnly? from, int count, CancellationToken cancellationToken)
    {
        var slots = db.FreeSlotsAt(nowUtc).AsNoTracking();
        if (roomId is { } room)
        {
            slots = slots.Where(s => s.RoomId == room);
        }

        if (from is { } fromDate)
        {
            slots = slots.Where(s => s.LocalDate >= fromDate);
        }

        var rows = await (
                from s in slots
                join r in db.Rooms on s.RoomId equals r.Id
                orderby s.StartUtc, r.Name
                select new { s.Id, s.RoomId, r.Name, s.StartUtc, s.EndUtc })
            .Take(Math.Clamp(count, 1, 200))
            .ToListAsync(cancellationToken);

        return rows
            .Select(r => new FreeSlot(
                r.Id, r.RoomId, r.Name, clinicTime.ToLocal(r.StartUtc), clinicTime.ToLocal(r.EndUtc),
                !policy.IsBookable(r.StartUtc, nowUtc, clinicTime)))
            .ToList();
    }
}
