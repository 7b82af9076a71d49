using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Confirmation;
using Scheduling.Application.Features.Queue;
using Scheduling.Application.Features.Referrals;
using Scheduling.Application.Features.Resources;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Messaging;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Start;

/// <summary>
/// What waits for a scheduler on their start page: referrals ready to book (how many, how many urgent,
/// since when the longest has waited), what the "needs attention" list holds (patients not confirmed in
/// time, requests for another date, interpreter calls, messages that failed for good, bookings that time away
/// or fewer bays left without a place, emails late), and
/// how many patients today's day list has. Counts only, no patient; the same sets as those pages.
/// </summary>
public static class GetSchedulingStart
{
    public sealed record Query : IQuery<Result<View>>;

    public sealed record View(ReadyToBook Ready, Attention Attention, DateOnly Today, int TodaysPatients);

    /// <param name="OldestSinceLocal">Clinic time the longest-waiting referral became ready; null when none waits.</param>
    public sealed record ReadyToBook(int Count, int Urgent, DateTime? OldestSinceLocal);

    /// <param name="ToMove">Bookings that time away, an unavailable physician, nurse or unit, or fewer bays left without a place they hold.</param>
    public sealed record Attention(int NotConfirmed, int AnotherDate, int InterpreterCalls, int FailedMessages, int DelayedEmails, int ToMove)
    {
        public int Total => NotConfirmed + AnotherDate + InterpreterCalls + FailedMessages + ToMove;
    }

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, ClinicTime clinicTime, TimeProvider clock, MessageDeliveryPolicy delivery)
        : IQueryHandler<Query, Result<View>>
    {
        public async ValueTask<Result<View>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!ReferralAccess.IsStaff(user))
            {
                return Error.NotFound();
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var queue = db.Referrals.AsNoTracking().InQueueOrder();
            var ready = await queue.CountAsync(cancellationToken);
            var urgent = ready == 0 ? 0 : await queue.CountAsync(r => r.QueueRank == Referral.UrgentRank, cancellationToken);
            DateTime? oldest = ready == 0 ? null : await queue.MinAsync(r => r.QueueSinceUtc, cancellationToken);

            var attention = new Attention(
                await ListNeedsAttention.NotConfirmed(db).CountAsync(cancellationToken),
                await ListNeedsAttention.AnotherDateRequests(db).CountAsync(cancellationToken),
                await ListNeedsAttention.InterpreterCalls(db).CountAsync(cancellationToken),
                await ListNeedsAttention.FailedMessages(db).CountAsync(cancellationToken),
                await db.OutboxMessages.AsNoTracking().CountAsync(OutboxMessage.IsDelayedExpr(delivery.DelayedIfDueBefore(now)), cancellationToken),
                (await CapacityHits.ListAsync(db, clinicTime, now, cancellationToken)).Count);

            // The day list's patients: every occupying booking in a slot of today's clinic date (GetDayList).
            var today = clinicTime.Today(clock);
            var todays = await (
                    from s in db.Slots.AsNoTracking()
                    where s.LocalDate == today
                    join b in db.Bookings.Where(BookingStatuses.IsOccupyingExpr) on s.Id equals b.SlotId
                    select b.Id)
                .CountAsync(cancellationToken);

            return new View(new ReadyToBook(ready, urgent, oldest is { } o ? clinicTime.ToLocal(o) : null), attention, today, todays);
        }
    }
}
