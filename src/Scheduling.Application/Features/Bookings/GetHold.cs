using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;

namespace Scheduling.Application.Features.Bookings;

/// <summary>
/// One hold (<see cref="PlaceHold"/>) as its holder sees it: the slot's time and room, the physician
/// it holds, until when, and whether it still holds. Schedulers and admins see any; a hospital system
/// only the holds for its own doctor's referrals (<see cref="BookingRules.MayBookFor"/>), others are not found.
/// </summary>
public static class GetHold
{
    public sealed record Query(Guid HoldId) : IQuery<Result<HoldView>>;

    /// <param name="IsLive">Not expired, released or used: the places are still held.</param>
    public sealed record HoldView(
        Guid HoldId, Guid SlotId, Guid? ReferralId, DateTime StartUtc, DateTime EndUtc, string RoomName,
        Guid? PhysicianId, string? PhysicianName, DateTime ExpiresAtUtc, bool IsLive, Guid? BookingId);

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : IQueryHandler<Query, Result<HoldView>>
    {
        public async ValueTask<Result<HoldView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var hold = await db.CapacityHolds.AsNoTracking().SingleOrDefaultAsync(h => h.Id == query.HoldId, cancellationToken);
            var referral = hold?.ReferralId is { } referralId
                ? await db.Referrals.AsNoTracking().SingleOrDefaultAsync(r => r.Id == referralId, cancellationToken)
                : null;
            if (hold is null || !(BookingRules.MayManageBookings(user) || (referral is not null && BookingRules.MayBookFor(user, referral))))
            {
                return Error.NotFound("The hold was not found.");
            }

            var slot = await (
                    from s in db.Slots.AsNoTracking()
                    join r in db.Rooms on s.RoomId equals r.Id
                    where s.Id == hold.SlotId
                    select new { s.StartUtc, s.EndUtc, RoomName = r.Name })
                .SingleAsync(cancellationToken);
            var physician = hold.PhysicianId is { } physicianId
                ? await db.Resources.AsNoTracking().Where(r => r.Id == physicianId).Select(r => r.Name).SingleOrDefaultAsync(cancellationToken)
                : null;
            return new HoldView(
                hold.Id, hold.SlotId, hold.ReferralId, slot.StartUtc, slot.EndUtc, slot.RoomName, hold.PhysicianId, physician,
                hold.ExpiresAtUtc, hold.IsLive(clock.GetUtcNow().UtcDateTime), hold.BookingId);
        }
    }
}
