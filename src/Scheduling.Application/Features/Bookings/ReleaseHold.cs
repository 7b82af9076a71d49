using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;

namespace Scheduling.Application.Features.Bookings;

/// <summary>Lets a hold go before it expires: its claims are deleted, so its places are free at once. Repeating it is harmless.</summary>
public static class ReleaseHold
{
    public sealed record Command(Guid HoldId) : ICommand<Result>;

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!BookingRules.MayManageBookings(user))
            {
                return Error.NotFound();
            }

            var hold = await db.CapacityHolds.SingleOrDefaultAsync(h => h.Id == command.HoldId, cancellationToken);
            if (hold is null)
            {
                return Error.NotFound("The hold was not found.");
            }

            await db.ResourceClaims.Where(c => c.HoldId == hold.Id).ExecuteDeleteAsync(cancellationToken);
            hold.Release(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return Result.Success();
        }
    }
}
