using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Slots;

namespace Scheduling.Application.Features.Confirmation;

/// <summary>
/// Recurring (every 15 minutes): a booking still waiting for the patient 48 hours after it was made,
/// or 72 hours before the procedure, whichever comes first, goes on the schedulers' "needs attention"
/// list and the referral's timeline says "Not confirmed". Durations are real elapsed time (UTC), so a
/// DST change in between neither shortens nor stretches them.
/// </summary>
public static class EscalateUnconfirmedBookings
{
    public static readonly TimeSpan AfterBooking = TimeSpan.FromHours(48);
    public static readonly TimeSpan BeforeProcedure = TimeSpan.FromHours(72);

    public sealed record Command : ICommand<Result<int>>;

    /// <summary>When a booking made at <paramref name="bookedAtUtc"/> for <paramref name="startUtc"/> is escalated.</summary>
    public static DateTime DueAtUtc(DateTime bookedAtUtc, DateTime startUtc)
    {
        var afterBooking = bookedAtUtc + AfterBooking;
        var beforeProcedure = startUtc - BeforeProcedure;
        return afterBooking < beforeProcedure ? afterBooking : beforeProcedure;
    }

    public sealed class Handler(IApplicationDbContext db, ClinicTime clinicTime, TimeProvider clock) : ICommandHandler<Command, Result<int>>
    {
        public async ValueTask<Result<int>> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var bookedBefore = now - AfterBooking;
            var startsBefore = now + BeforeProcedure;
            var due = await (
                from booking in db.Bookings
                join slot in db.Slots on booking.SlotId equals slot.Id
                where booking.Status == BookingStatus.PendingConfirmation && booking.EscalatedAtUtc == null
                    && (booking.BookedAtUtc <= bookedBefore || slot.StartUtc <= startsBefore)
                select new { Booking = booking, slot.StartUtc })
                .ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                return 0;
            }

            var referralIds = due.Select(d => d.Booking.ReferralId).ToList();
            var referrals = await db.Referrals.Where(r => referralIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
            foreach (var item in due)
            {
                item.Booking.MarkEscalated(now);
                var local = clinicTime.ToLocal(item.StartUtc);
                referrals[item.Booking.ReferralId].Note(
                    "NotConfirmed",
                    $"Not confirmed: the patient has not confirmed the appointment on {local:yyyy-MM-dd HH:mm}; listed for the schedulers to call.",
                    now,
                    actor: null);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone acted on one of these bookings meanwhile; the next run sees the new state.
                return Error.Conflict("A booking changed while escalating; will retry on the next run.");
            }

            return due.Count;
        }
    }
}
