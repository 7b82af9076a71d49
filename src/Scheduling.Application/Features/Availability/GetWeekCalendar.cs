using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Closures;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;

namespace Scheduling.Application.Features.Availability;

/// <summary>
/// One week (Monday to Sunday, clinic local) of every room: each slot free, booked, completed or a
/// no-show (patient initials only; any occupying booking holds its slot) or withdrawn with a booking
/// that must be moved; closed days with their reason. Three
/// queries whatever the size of the week (slots with their active booking, rooms, closures).
/// </summary>
public static class GetWeekCalendar
{
    public sealed record Query(DateOnly? AnyDayOfWeek) : IQuery<Result<View>>, IAuditedQuery;

    public enum SlotState
    {
        Free,
        Booked,
        MustBeMoved,
        Past,

        /// <summary>The procedure took place; the slot stays taken by it for good.</summary>
        Completed,

        /// <summary>The patient did not come; the slot stays taken so the day's record is kept.</summary>
        NoShow,
    }

    /// <summary><paramref name="BookingId"/> is set on booked and must-be-moved slots, so the calendar can open the appointment.</summary>
    public sealed record SlotCell(Guid SlotId, string LocalTime, SlotState State, string? PatientInitials, Guid? BookingId = null);

    public sealed record DayCell(DateOnly Date, string? ClosedReason, IReadOnlyList<SlotCell> Slots);

    public sealed record RoomRow(Guid RoomId, string Name, bool IsActive, IReadOnlyList<DayCell> Days);

    public sealed record View(
        DateOnly WeekStart,
        DateOnly Today,
        IReadOnlyList<DateOnly> Dates,
        IReadOnlyList<RoomRow> Rooms,
        bool AnyTemplates,
        string ZoneLabel);

    public static DateOnly MondayOf(DateOnly date) =>
        date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    public sealed class Handler(IApplicationDbContext db, IAuditLog auditLog, ClinicTime clinicTime, TimeProvider clock)
        : IQueryHandler<Query, Result<View>>
    {
        public async ValueTask<Result<View>> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var today = clinicTime.LocalDate(now);
            var monday = MondayOf(query.AnyDayOfWeek ?? today);
            var sunday = monday.AddDays(6);
            var dates = Enumerable.Range(0, 7).Select(monday.AddDays).ToList();

            var slots = await (
                    from s in db.Slots.AsNoTracking()
                    where s.LocalDate >= monday && s.LocalDate <= sunday
                    join b in db.Bookings.Where(BookingStatuses.IsOccupyingExpr)
                        on s.Id equals b.SlotId into active
                    from b in active.DefaultIfEmpty()
                    join p in db.Referrals on b.ReferralId equals p.Id into referral
                    from p in referral.DefaultIfEmpty()
                    select new
                    {
                        s.Id,
                        s.RoomId,
                        s.LocalDate,
                        s.StartUtc,
                        s.IsWithdrawn,
                        BookingId = b == null ? (Guid?)null : b.Id,
                        Status = b == null ? (BookingStatus?)null : b.Status,
                        First = p == null ? null : p.PatientFirstName.Substring(0, 1),
                        Last = p == null ? null : p.PatientLastName.Substring(0, 1),
                    })
                .ToListAsync(cancellationToken);

            // A week is a few hundred slots: sorted here, so the database picks the week by its
            // LocalDate index instead of walking every slot in StartUtc order to skip a sort.
            slots.Sort((x, y) => x.StartUtc.CompareTo(y.StartUtc));

            var roomIdsWithSlots = slots.Select(s => s.RoomId).Distinct().ToList();
            var rooms = await db.Rooms.AsNoTracking()
                .Where(r => r.IsActive || roomIdsWithSlots.Contains(r.Id))
                .OrderBy(r => r.Name)
                .Select(r => new { r.Id, r.Name, r.IsActive })
                .ToListAsync(cancellationToken);
            var closures = (await db.Closures.AsNoTracking()
                    .Where(c => c.ToDate >= monday && c.FromDate <= sunday)
                    .OrderBy(c => c.FromDate)
                    .ToListAsync(cancellationToken))
                .Select(c => c.ToWindow())
                .ToList();
            var anyTemplates = await db.RoomDayTemplates.AnyAsync(cancellationToken);

            var rows = rooms.Select(room => new RoomRow(room.Id, room.Name, room.IsActive, dates.Select(date =>
            {
                var closure = closures.FirstOrDefault(c => c.Covers(room.Id, date));
                var cells = slots
                    .Where(s => s.RoomId == room.Id && s.LocalDate == date)
                    .Where(s => !s.IsWithdrawn || s.BookingId is not null)
                    .Select(s => new SlotCell(
                        s.Id,
                        ClinicTimeLabel.Time(clinicTime, s.StartUtc),
                        s.Status == BookingStatus.Completed ? SlotState.Completed
                            : s.Status == BookingStatus.NoShow ? SlotState.NoShow
                            : s.IsWithdrawn ? SlotState.MustBeMoved
                            : s.BookingId is not null ? SlotState.Booked
                            : s.StartUtc <= now ? SlotState.Past
                            : SlotState.Free,
                        s.BookingId is null ? null : AffectedBookings.Initials(s.First, s.Last),
                        s.BookingId))
                    .ToList();
                return new DayCell(date, closure?.Reason, cells);
            }).ToList())).ToList();

            var shown = slots.Where(s => s.BookingId is not null).Select(s => s.BookingId!.Value).ToList();
            if (shown.Count > 0)
            {
                auditLog.RecordListView("Booking", "Booking", shown, $"Initials on the week calendar of {monday:yyyy-MM-dd} ({shown.Count} bookings)");
            }

            return new View(monday, today, dates, rows, anyTemplates, ClinicTimeLabel.For(clinicTime, now));
        }
    }
}
