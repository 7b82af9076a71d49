using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Lists;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Bookings;

/// <summary>
/// The schedulers' list of bookings from today on, soonest first: by default the active ones,
/// or one status (e.g. PendingConfirmation to chase patients who have not confirmed), a page at a
/// time with the count of all of them.
/// </summary>
/// <remarks>
/// A page is read in the slots' start-time order (<c>IX_Slots_StartUtc</c>), each slot asked whether
/// it holds such a booking (<c>IX_Bookings_SlotId_Status</c>), until the page is full: no sort of every
/// active booking before taking a page. A slot holds at most one booking that is not cancelled, so a
/// page of slots is a page of bookings; cancelled bookings (several may have held one slot) are read
/// from the bookings' status index and sorted, as they are few from today on.
/// </remarks>
public static class ListBookings
{
    public const int PageSize = 100;

    /// <param name="Page">1-based; a page holds <see cref="PageSize"/> bookings, soonest first; past the last page gives the last page.</param>
    public sealed record Query(BookingStatus? Status = null, DateOnly? From = null, int Page = 1) : IQuery<Result<Page>>, IAuditedQuery;

    public sealed record Page(IReadOnlyList<Row> Rows, PagePosition Position);

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
            var fromUtc = clinicTime.ToUtcNotLaterThan(fromDate, TimeOnly.MinValue);
            var bookings = db.Bookings.AsNoTracking();
            bookings = query.Status is { } status
                ? bookings.Where(b => b.Status == status)
                : bookings.Where(BookingStatuses.IsActiveExpr);

            var total = await (
                    from b in bookings
                    join s in db.Slots on b.SlotId equals s.Id
                    where s.StartUtc >= fromUtc && s.LocalDate >= fromDate
                    select b.Id)
                .CountAsync(cancellationToken);
            var position = PagePosition.Of(query.Page, PageSize, total);

            List<Found> found;
            if (query.Status == BookingStatus.Cancelled)
            {
                found = await (
                        from b in bookings
                        join s in db.Slots on b.SlotId equals s.Id
                        join r in db.Rooms on s.RoomId equals r.Id
                        join f in db.Referrals on b.ReferralId equals f.Id
                        where s.StartUtc >= fromUtc && s.LocalDate >= fromDate
                        orderby s.StartUtc, r.Name, b.Id
                        select new Found(b, s.StartUtc, r.Name, f.PatientFirstName, f.PatientLastName, f.Urgency, f.OvernightBedLikely))
                    .Skip(position.Skip)
                    .Take(PageSize)
                    .ToListAsync(cancellationToken);
            }
            else
            {
                // The page's slots first (at most 100, in start order from the slots' index), then their
                // bookings by slot: one statement would let the planner read every active booking again.
                var slots = await (
                        from s in db.Slots
                        join r in db.Rooms on s.RoomId equals r.Id
                        where s.StartUtc >= fromUtc && s.LocalDate >= fromDate && bookings.Any(b => b.SlotId == s.Id)
                        orderby s.StartUtc, r.Name
                        select new { s.Id, s.StartUtc, RoomName = r.Name })
                    .Skip(position.Skip)
                    .Take(PageSize)
                    .ToListAsync(cancellationToken);
                var slotIds = slots.Select(s => s.Id).ToList();
                var held = await (
                        from b in bookings
                        join f in db.Referrals on b.ReferralId equals f.Id
                        where slotIds.Contains(b.SlotId)
                        select new { Booking = b, f.PatientFirstName, f.PatientLastName, f.Urgency, f.OvernightBedLikely })
                    .ToDictionaryAsync(x => x.Booking.SlotId, cancellationToken);
                found = slots
                    .Where(s => held.ContainsKey(s.Id))
                    .Select(s =>
                    {
                        var x = held[s.Id];
                        return new Found(x.Booking, s.StartUtc, s.RoomName, x.PatientFirstName, x.PatientLastName, x.Urgency, x.OvernightBedLikely);
                    })
                    .ToList();
            }

            auditLog.RecordListView(nameof(Booking), nameof(Booking), found.Select(r => r.Booking.Id),
                $"Booking list page {position.Number} ({found.Count} of {position.Total} rows)");

            return new Page(found.Select(r => new Row(
                    r.Booking.Id,
                    $"{r.PatientLastName}, {r.PatientFirstName}",
                    r.Urgency ?? Domain.Referrals.Urgency.Routine,
                    r.OvernightBedLikely,
                    clinicTime.ToLocal(r.StartUtc),
                    r.RoomName,
                    r.Booking.Status,
                    r.Booking.PatientRequest,
                    r.Booking.IsEscalated,
                    r.Booking.LeadTimeOverrideReason is not null))
                .ToList(), position);
        }
    }

    private sealed record Found(
        Booking Booking, DateTime StartUtc, string RoomName, string PatientFirstName, string PatientLastName, Urgency? Urgency, bool OvernightBedLikely);
}
