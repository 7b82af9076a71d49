using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Bookings;

/// <summary>
/// The schedulers' list of bookings from today on, soonest first: by default the active ones,
/// or one status (e.g. PendingConfirmation to chase patients who have not confirmed).
/// </summary>
public static class ListBookings
{
    public const int PageSize = 100;

    /// <param name="Page">1-based; a page holds <see cref="PageSize"/> bookings, soonest first.</param>
    public sealed record Query(BookingStatus? Status = null, DateOnly? From = null, int Page = 1) : IQuery<Result<Page>>, IAuditedQuery;

    /// <param name="HasNextPage">More bookings follow: the list is never cut silently.</param>
    public sealed record Page(IReadOnlyList<Row> Rows, int Number, bool HasNextPage);

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
        : IQueryHandler<Query, Result<Page>>
    {
        public async ValueTask<Result<Page>> Handle(Query query, CancellationToken cancellationToken)
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

            var page = Math.Max(1, query.Page);
            var found = await (
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
                        Booking = b,
                    })
                .Skip((page - 1) * PageSize)
                .Take(PageSize + 1)
                .ToListAsync(cancellationToken);
            var hasNext = found.Count > PageSize;
            var rows = found.Take(PageSize).ToList();

            auditLog.RecordListView(nameof(Booking), nameof(Booking), rows.Select(r => r.Id), $"Booking list page {page} ({rows.Count} rows)");

            return new Page(rows.Select(r => new Row(
                    r.Id,
                    $"{r.PatientLastName}, {r.PatientFirstName}",
                    r.Urgency ?? Domain.Referrals.Urgency.Routine,
                    r.OvernightBedLikely,
                    clinicTime.ToLocal(r.StartUtc),
                    r.RoomName,
                    r.Booking.Status,
                    r.Booking.PatientRequest,
                    r.Booking.IsEscalated,
                    r.Booking.LeadTimeOverrideReason is not null))
                .ToList(), page, hasNext);
        }
    }
}
