using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Bookings;

namespace Scheduling.Application.Features.Bookings;

/// <summary>
/// Bookings as records for a system client (FHIR Appointment read and search): only the bookings of
/// referrals the caller may see (<see cref="ReferralAccess.VisibleTo"/>: a client sees what its doctor
/// sees), optionally one booking, one referral's, those starting in a stretch of time, or some
/// statuses; soonest first, a page at a time. Every page is one audited view of the bookings on it.
/// </summary>
public static class ListAppointmentRecords
{
    /// <param name="FromUtc">Only bookings whose slot starts at or after this.</param>
    /// <param name="ToUtc">Only bookings whose slot starts before this.</param>
    /// <param name="Statuses">Only these statuses; null or empty for any.</param>
    public sealed record Query(
        Guid? BookingId, Guid? ReferralId, DateTime? FromUtc, DateTime? ToUtc, IReadOnlyList<BookingStatus>? Statuses, int Offset, int Count)
        : IQuery<Result<Page>>, IAuditedQuery;

    public sealed record Page(int Total, IReadOnlyList<AppointmentRecord> Records);

    public sealed record AppointmentRecord(
        Guid BookingId,
        Guid ReferralId,
        BookingStatus Status,
        DateTime StartUtc,
        DateTime EndUtc,
        string RoomName,
        Guid? PhysicianId,
        string? PhysicianName,
        DateTime BookedAtUtc,
        string? CancelReason);

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IAuditLog audit) : IQueryHandler<Query, Result<Page>>
    {
        public async ValueTask<Result<Page>> Handle(Query query, CancellationToken cancellationToken)
        {
            var referrals = db.Referrals.AsNoTracking().VisibleTo(user);
            var bookings = db.Bookings.AsNoTracking().Where(b => referrals.Any(r => r.Id == b.ReferralId));
            if (query.BookingId is { } id)
            {
                bookings = bookings.Where(b => b.Id == id);
            }

            if (query.ReferralId is { } referralId)
            {
                bookings = bookings.Where(b => b.ReferralId == referralId);
            }

            if (query.Statuses is { Count: > 0 } statuses)
            {
                bookings = bookings.Where(b => statuses.Contains(b.Status));
            }

            var rows = from b in bookings
                       join s in db.Slots on b.SlotId equals s.Id
                       join room in db.Rooms on s.RoomId equals room.Id
                       select new { Booking = b, s.StartUtc, s.EndUtc, RoomName = room.Name };
            if (query.FromUtc is { } from)
            {
                rows = rows.Where(x => x.StartUtc >= from);
            }

            if (query.ToUtc is { } to)
            {
                rows = rows.Where(x => x.StartUtc < to);
            }

            var total = await rows.CountAsync(cancellationToken);
            var page = await rows
                .OrderBy(x => x.StartUtc).ThenBy(x => x.Booking.Id)
                .Skip(Math.Max(0, query.Offset)).Take(Math.Max(0, query.Count))
                .Select(x => new AppointmentRecord(
                    x.Booking.Id, x.Booking.ReferralId, x.Booking.Status, x.StartUtc, x.EndUtc, x.RoomName,
                    x.Booking.PhysicianId, null, x.Booking.BookedAtUtc, x.Booking.CancelReason))
                .ToListAsync(cancellationToken);
            if (query.BookingId is { } one)
            {
                if (page.Count == 0)
                {
                    return Error.NotFound("The appointment was not found.");
                }

                audit.RecordView(nameof(Booking), one);
            }
            else
            {
                audit.RecordListView("AppointmentRecords", nameof(Booking), page.Select(p => p.BookingId), $"{page.Count} of {total} appointments");
            }

            var physicianIds = page.Select(p => p.PhysicianId).OfType<Guid>().Distinct().ToList();
            var physicians = physicianIds.Count == 0
                ? []
                : await db.Resources.AsNoTracking().Where(r => physicianIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, cancellationToken);
            return new Page(total, page.Select(p => p with
            {
                PhysicianName = p.PhysicianId is { } physician ? physicians.GetValueOrDefault(physician) : null,
            }).ToList());
        }
    }
}
