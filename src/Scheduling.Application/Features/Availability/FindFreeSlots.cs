using FluentValidation;

using Mediator;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Slots;

namespace Scheduling.Application.Features.Availability;

/// <summary>
/// The free slots the booking and reschedule pages offer: the first free future slots across rooms
/// in service from a clinic-local date, optionally in one room, with a few inside the lead time ahead
/// of them. Free, the first day, the default count and the maximum are <see cref="SlotAvailability"/>'s.
/// </summary>
public static class FindFreeSlots
{
    public const int DefaultCount = SlotAvailability.DefaultCount;

    public sealed record Query(Guid? RoomId = null, DateOnly? From = null, int Count = DefaultCount) : IQuery<Result<IReadOnlyList<FreeSlot>>>;

    /// <param name="InsideLeadTime">Before the earliest bookable day: booking it needs the scheduler's reason.</param>
    public sealed record FreeSlot(Guid SlotId, Guid RoomId, string RoomName, DateTime LocalStart, DateTime LocalEnd, bool InsideLeadTime);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Count).MustBeAFreeSlotCount();
    }

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
        var earliest = SlotAvailability.DefaultFrom(policy, clinicTime, nowUtc);
        var bookable = await db.FirstFreeAsync(nowUtc, roomId, from is { } f && f > earliest ? f : earliest, before: null, count, cancellationToken);
        var needingAReason = from is { } g && g >= earliest
            ? []
            : await db.FirstFreeAsync(nowUtc, roomId, from, before: earliest, MaxNeedingAReason, cancellationToken);

        return needingAReason.Concat(bookable)
            .Select(s => new FreeSlot(
                s.SlotId, s.RoomId, s.RoomName, clinicTime.ToLocal(s.StartUtc), clinicTime.ToLocal(s.EndUtc),
                !policy.IsBookable(s.StartUtc, nowUtc, clinicTime)))
            .ToList();
    }
}
