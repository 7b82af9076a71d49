using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Referrals;
using Scheduling.Domain.Slots;

namespace Scheduling.Application.Features.Bookings;

/// <summary>
/// The schedulers' list of bookings from today on, soonest first: by default the active ones,
/// or one status (e.g. PendingConfirmation to chase patients who have not confirmed).
/// </summary>
public static class ListBookings
{
    public const int MaxRows = 500;

    public sealed record Query(BookingStatus? Status = null, DateOnly? From = null) : IQuery<Result<IReadOnlyList<Row>>>;

    public sealed record Row(
        Guid Id,
        string PatientName,
        Urgency Urgency,
        bool OvernightBedLikely,
        DateTime LocalStart,
        string RoomName,
        BookingStatus Status,
        PatientRequest PatientRequest,
        bool Escalated,
        bool LeadTimeOverridden);

    public sealed class Handler(IApplicationDbContext db, IAuditLog auditLog, ICurrentUser user, ClinicTime clinicTime, TimeProvider clock)
        : IQueryHandler<Query, Result<IReadOnlyList<Row>>>
    {
        public async ValueTask<Result<IReadOnlyList<Row>>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!BookingRules.MayManageBookings(user))
            {
                return Error.NotFound();
            }

            var fromDate = query.From ?? clinicTime.Today(clock);
            var bookings = db.Bookings.AsNoTracking();
            bookings = query.Status is { } status
                ? bookings.Where(b => b.Status == status)
                : bookings.Where(BookingStatuses.IsActiveExpr);

            var rows = await (
                    from b in bookings
                    join s in db.Slots on b.SlotId equals s.Id
                    join r in db.Rooms on s.RoomId equals r.Id
                    join f in db.Referrals on b.ReferralId equals f.Id
                    where s.LocalDate >= fromDate
                    orderby s.StartUtc, r.Name
                    select new
                    {
                        b.Id,
                        f.PatientFirstName,
                        f.PatientLastName,
                        f.Urgency,
                        f.OvernightBedLikely,
                        s.StartUtc,
                        RoomName = r.Name,
                        b.Status,
                        b.PatientRequest,
                        b.EscalatedAtUtc,
                        b.LeadTimeOverrideReason,
                    })
                .Take(MaxRows)
                .ToListAsync(cancellationToken);

            auditLog.Record("Viewed", nameof(Booking), null, $"Booking list ({rows.Count} rows)");
            await db.SaveChangesAsync(cancellationToken);

            return rows.Select(r => new Row(
                    r.Id,
                    $"{r.PatientLastName}, {r.PatientFirstName}",
                    r.Urgency ?? Domain.Referrals.Urgency.Routine,
                    r.OvernightBedLikely,
                    clinicTime.ToLocal(r.StartUtc),
                    r.RoomName,
                    r.Status,
                    r.PatientRequest,
                    r.EscalatedAtUtc is not null && r.Status == BookingStatus.PendingConfirmation,
                    r.LeadTimeOverrideReason is not null))
                .ToList();
        }
    }
}
