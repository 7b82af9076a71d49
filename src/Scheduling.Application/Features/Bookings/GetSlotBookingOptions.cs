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
    public sealed record Query(Guid SlotId, Guid? PhysicianId = null) : IQuery<Result<Options>>, IAuditedQuery;

    /// <param name="PhysicianId">The IR physician asked for; null to assign fairly.</param>
    public sealed record Options(SlotSummary Slot, IReadOnlyList<ReadyReferral> Referrals)
    {
        public IReadOnlyList<PhysicianChoice> Physicians { get; init; } = [];

        public Guid? PhysicianId { get; init; }
    }

    /// <param name="IsFree">Whether it can still take a booking now: future, open, room in service, not held, and its case can have everything it needs.</param>
    /// <param name="NotBookableReason">Why it cannot, when the slot is free but something its case needs is not ("no recovery bay 11:00–15:00").</param>
    /// <param name="PhysicianName">Who would perform it as things stand.</param>
    public sealed record SlotSummary(
        Guid Id, string RoomName, DateTime LocalStart, DateTime LocalEnd, bool IsFree, bool InsideLeadTime,
        string? NotBookableReason = null, string? PhysicianName = null);

    public sealed record ReadyReferral(Guid Id, string PatientName, Urgency Urgency, int DaysWaiting, bool OvernightBedLikely);

    public sealed class Handler(
        IApplicationDbContext db,
        IAuditLog auditLog,
        ICurrentUser user,
        CapacityClaims capacity,
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
            var check = free ? await capacity.CheckAsync(slot, room.Name, query.PhysicianId, null, now, cancellationToken) : null;
            var physicians = await PhysicianChoice.ListAsync(db, cancellationToken);

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

            var summary = new SlotSummary(
                slot.Id, room.Name, clinicTime.ToLocal(slot.StartUtc), clinicTime.ToLocal(slot.EndUtc), free && check!.CanBook,
                !policy.IsBookable(slot.StartUtc, now, clinicTime),
                check is { CanBook: false } ? check.Reason : null,
                check?.Plan?.PhysicianId is { } p ? physicians.FirstOrDefault(c => c.Id == p)?.Name : null);
            return new Options(summary, referrals) { Physicians = physicians, PhysicianId = query.PhysicianId };
        }
    }
}
