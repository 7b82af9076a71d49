using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Availability;
using Scheduling.Application.Features.Queue;
using Scheduling.Domain.Common;
using Scheduling.Domain.Referrals;
using Scheduling.Domain.Slots;

namespace Scheduling.Application.Features.Bookings;

/// <summary>
/// Booking from the calendar: one chosen slot and the referrals ready to schedule (urgent first,
/// then longest waiting), so the scheduler picks the patient instead of the time.
/// </summary>
public static class GetSlotBookingOptions
{
    public sealed record Query(Guid SlotId) : IQuery<Result<Options>>, IAuditedQuery;

    public sealed record Options(SlotSummary Slot, IReadOnlyList<ReadyReferral> Referrals);

    /// <param name="IsFree">Whether it can still take a booking now (future, open, room in service, not held).</param>
    public sealed record SlotSummary(Guid Id, string RoomName, DateTime LocalStart, DateTime LocalEnd, bool IsFree, bool InsideLeadTime);

    public sealed record ReadyReferral(Guid Id, string PatientName, Urgency Urgency, int DaysWaiting, bool OvernightBedLikely);

    public sealed class Handler(
        IApplicationDbContext db,
        IAuditLog auditLog,
        ICurrentUser user,
        ClinicTime clinicTime,
        SlotPolicy policy,
        TimeProvider clock) : IQueryHandler<Query, Result<Options>>
    {
        private const int MaxReferrals = 200;

        public async ValueTask<Result<Options>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!BookingRules.MayManageBookings(user))
            {
                return Error.NotFound();
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var slot = await db.Slots.AsNoTracking().SingleOrDefaultAsync(s => s.Id == query.SlotId, cancellationToken);
            if (slot is null)
            {
                return Error.NotFound("The slot was not found; a closure may have removed it.");
            }

            var room = await db.Rooms.AsNoTracking().SingleAsync(r => r.Id == slot.RoomId, cancellationToken);
            var free = await db.IsFreeAsync(slot.Id, now, cancellationToken);

            var ready = await db.Referrals.AsNoTracking()
                .InQueueOrder()
                .Take(MaxReferrals)
                .Select(r => new { r.Id, r.PatientFirstName, r.PatientLastName, r.Urgency, r.ReadyToScheduleSinceUtc, r.OvernightBedLikely })
                .ToListAsync(cancellationToken);

            var today = clinicTime.LocalDate(now);
            var referrals = ready
                .Select(r => new ReadyReferral(
                    r.Id,
                    $"{r.PatientLastName}, {r.PatientFirstName}",
                    r.Urgency ?? Urgency.Routine,
                    r.ReadyToScheduleSinceUtc is { } since ? today.DayNumber - clinicTime.LocalDate(since).DayNumber : 0,
                    r.OvernightBedLikely))
                .ToList();

            auditLog.RecordListView(nameof(Referral), nameof(Referral), referrals.Select(r => r.Id), $"Scheduling queue for a slot ({referrals.Count} referrals)");

            var summary = new SlotSummary(slot.Id, room.Name, clinicTime.ToLocal(slot.StartUtc), clinicTime.ToLocal(slot.EndUtc), free,
                !policy.IsBookable(slot.StartUtc, now, clinicTime));
            return new Options(summary, referrals);
        }
    }
}
