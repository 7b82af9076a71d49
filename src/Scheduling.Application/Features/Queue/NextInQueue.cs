using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Bookings;

namespace Scheduling.Application.Features.Queue;

/// <summary>"Book the next patient in the queue": the referral at the top of the scheduling queue, or none when it is empty.</summary>
public static class NextInQueue
{
    public sealed record Query : IQuery<Result<Guid?>>;

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user) : IQueryHandler<Query, Result<Guid?>>
    {
        public async ValueTask<Result<Guid?>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!BookingRules.MayManageBookings(user))
            {
                return Error.NotFound();
            }

            var next = await db.Referrals.AsNoTracking().InQueueOrder().Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);
            return Result<Guid?>.Success(next);
        }
    }
}
