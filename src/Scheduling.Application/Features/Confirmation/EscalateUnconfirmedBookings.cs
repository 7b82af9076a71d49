using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Bookings;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;

namespace Scheduling.Application.Features.Confirmation;

/// <summary>
/// Recurring (every 15 minutes): a booking still waiting for the patient when <see cref="ConfirmationPolicy"/>
/// says it is overdue goes on the schedulers' "needs attention" list and the referral's timeline says
/// "Not confirmed". Confirming later resolves it (see <see cref="ConfirmAppointment"/>).
/// </summary>
public static class EscalateUnconfirmedBookings
{
    public sealed record Command : ICommand<Result<int>>;

    public sealed class Handler(IApplicationDbContext db, ClinicTime clinicTime, ConfirmationPolicy policy, TimeProvider clock) : ICommandHandler<Command, Result<int>>
    {
        public async ValueTask<Result<int>> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            // Overdue is the later of the two instants, so both must have passed.
            var bookedBefore = now - policy.Grace;
            var startsBefore = now + policy.Cutoff;
            var due = await (
                from booking in db.Bookings.Where(Booking.MayBeEscalatedExpr)
                join slot in db.Slots on booking.SlotId equals slot.Id
                where booking.BookedAtUtc <= bookedBefore && slot.StartUtc <= startsBefore
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
                referrals[item.Booking.ReferralId].Note(
                    "NotConfirmed",
                    $"Not confirmed: the patient has not confirmed the appointment on {BookingRules.LocalText(clinicTime, item.StartUtc)}; listed for the schedulers to call.",
                    now,
                    actor: null);
            }

            // Someone acted on one of these bookings meanwhile; the next run sees the new state.
            if (await db.SaveOrConflictAsync("A booking changed while escalating; will retry on the next run.", cancellationToken) is { } conflict)
            {
                return conflict;
            }

            return due.Count;
        }
    }
}
