using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Slots;

namespace Scheduling.Application.Features.Availability;

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

    /// <summary>At most this many slots inside the lead time are listed ahead of the bookable ones.</summary>
    public const int MaxNeedingAReason = 8;

    /// <summary>
    /// The first <paramref name="count"/> free slots from the earliest bookable day (or the later
    /// <paramref name="from"/>), preceded by a few free slots inside the lead time (from
    /// <paramref name="from"/> when it is earlier), so the bookable ones are never crowded out.
    /// </summary>
    internal static async Task<IReadOnlyList<FreeSlot>> ListAsync(
        IApplicationDbContext db, ClinicTime clinicTime, SlotPolicy policy, DateTime nowUtc,
        Guid? roomId, DateOnly? from, int count, CancellationToken cancellationToken)
    {
        var slots = db.FreeSlotsAt(nowUtc).AsNoTracking();
        if (roomId is { } room)
        {
            slots = slots.Where(s => s.RoomId == room);
        }

        var earliest = policy.EarliestBookableLocalDate(clinicTime.LocalDate(nowUtc));
        var bookableFrom = from is { } f && f > earliest ? f : earliest;
        var bookable = await RowsAsync(db, slots.Where(s => s.LocalDate >= bookableFrom), Math.Clamp(count, 1, 200), cancellationToken);
        var needingAReason = from is { } g && g >= earliest
            ? []
            : await RowsAsync(db, slots.Where(s => s.LocalDate < earliest && (from == null || s.LocalDate >= from)), MaxNeedingAReason, cancellationToken);

        return needingAReason.Concat(bookable)
            .Select(r => new FreeSlot(
                r.Id, r.RoomId, r.Name, clinicTime.ToLocal(r.StartUtc), clinicTime.ToLocal(r.EndUtc),
                !policy.IsBookable(r.StartUtc, nowUtc, clinicTime)))
            .ToList();
    }

    private sealed record SlotRow(Guid Id, Guid RoomId, string Name, DateTime StartUtc, DateTime EndUtc);

    private static Task<List<SlotRow>> RowsAsync(IApplicationDbContext db, IQueryable<Slot> slots, int take, CancellationToken cancellationToken) =>
        (from s in slots
         join r in db.Rooms on s.RoomId equals r.Id
         orderby s.StartUtc, r.Name
         select new SlotRow(s.Id, s.RoomId, r.Name, s.StartUtc, s.EndUtc))
            .Take(take)
            .ToListAsync(cancellationToken);
}
