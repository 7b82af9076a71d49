using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Closures;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Capacity;
using Scheduling.Domain.Common;

namespace Scheduling.Application.Features.Availability;

/// <summary>
/// One week (Monday to Sunday, clinic local) of every room: each slot free, booked (patient initials
/// only, with the performing physician and the recovery unit), completed or a no-show (any occupying
/// booking holds its slot), withdrawn with a booking that must be moved, or free but not bookable
/// because something its case needs is not free, with the reason; closed days with their reason.
/// Filtered by physician, the week shows that physician's cases and only the slots they could take.
/// A fixed handful of queries whatever the size of the week (slots with their booking, rooms,
/// closures, resources, and one capacity snapshot for the week's free slots).
/// </summary>
public static class GetWeekCalendar
{
    /// <param name="PhysicianId">Only this IR physician's cases, and free slots only where they are free.</param>
    public sealed record Query(DateOnly? AnyDayOfWeek, Guid? PhysicianId = null) : IQuery<Result<View>>, IAuditedQuery;

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

        /// <summary>No booking holds it, but something its case needs is taken or away (<see cref="SlotCell.Reason"/>).</summary>
        Unavailable,
    }

    /// <summary>
    /// <paramref name="BookingId"/> is set on booked and must-be-moved slots, so the calendar can open the
    /// appointment. With a physician filter, another physician's case shows without patient or booking.
    /// </summary>
    public sealed record SlotCell(Guid SlotId, string LocalTime, SlotState State, string? PatientInitials, Guid? BookingId = null)
    {
        /// <summary>Why an <see cref="SlotState.Unavailable"/> slot cannot be booked.</summary>
        public string? Reason { get; init; }

        public string? PhysicianName { get; init; }

        /// <summary>The recovery unit the patient holds a bay in.</summary>
        public string? BayName { get; init; }

        /// <summary>Taken by another physician's case (the calendar is filtered by physician).</summary>
        public bool OtherPhysician { get; init; }
    }

    public sealed record DayCell(DateOnly Date, string? ClosedReason, IReadOnlyList<SlotCell> Slots);

    public sealed record RoomRow(Guid RoomId, string Name, bool IsActive, IReadOnlyList<DayCell> Days);

    public sealed record PhysicianOption(Guid Id, string Name);

    public sealed record View(
        DateOnly WeekStart,
        DateOnly Today,
        IReadOnlyList<DateOnly> Dates,
        IReadOnlyList<RoomRow> Rooms,
        bool AnyTemplates,
        string ZoneLabel)
    {
        public IReadOnlyList<PhysicianOption> Physicians { get; init; } = [];

        public Guid? PhysicianId { get; init; }

        public string? PhysicianName => Physicians.FirstOrDefault(p => p.Id == PhysicianId)?.Name;
    }

    public static DateOnly MondayOf(DateOnly date) =>
        date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    public sealed class Handler(IApplicationDbContext db, IAuditLog auditLog, CapacitySnapshots snapshots, ClinicTime clinicTime, TimeProvider clock)
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
                        s.EndUtc,
                        s.IsWithdrawn,
                        BookingId = b == null ? (Guid?)null : b.Id,
                        Status = b == null ? (BookingStatus?)null : b.Status,
                        PhysicianId = b == null ? null : b.PhysicianId,
                        RecoveryUnitId = b == null ? null : b.RecoveryUnitId,
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

            // What the week's free slots can still take: one snapshot for all of them.
            var roomNames = rooms.ToDictionary(r => r.Id, r => r.Name);
            var open = slots.Where(s => s.BookingId is null && !s.IsWithdrawn && s.StartUtc > now && roomNames.ContainsKey(s.RoomId)).ToList();
            var refused = new Dictionary<Guid, string>();
            IReadOnlyList<ResourceCalendar> resources = [];
            if (open.Count > 0)
            {
                var snapshot = await snapshots.LoadAsync(open.Min(s => s.StartUtc), open.Max(s => s.EndUtc), now, null, withCases: false, cancellationToken);
                resources = snapshot.Resources;
                foreach (var slot in open)
                {
                    var check = CapacityPlanner.Check(new CapacityRequest(slot.RoomId, roomNames[slot.RoomId], slot.StartUtc, slot.EndUtc, query.PhysicianId), snapshot);
                    if (!check.CanBook)
                    {
                        refused[slot.Id] = check.Reason;
                    }
                }
            }
            else if (slots.Any(s => s.PhysicianId is not null || s.RecoveryUnitId is not null) || query.PhysicianId is not null)
            {
                resources = await snapshots.ResourcesAsync(cancellationToken);
            }

            var names = resources.ToDictionary(r => r.Id, r => r.Name);
            string? NameOf(Guid? id) => id is { } known ? names.GetValueOrDefault(known) : null;

            var rows = rooms.Select(room => new RoomRow(room.Id, room.Name, room.IsActive, dates.Select(date =>
            {
                var closure = closures.FirstOrDefault(c => c.Covers(room.Id, date));
                var cells = slots
                    .Where(s => s.RoomId == room.Id && s.LocalDate == date)
                    .Where(s => !s.IsWithdrawn || s.BookingId is not null)
                    .Select(s =>
                    {
                        var other = query.PhysicianId is { } filter && s.BookingId is not null && s.PhysicianId != filter;
                        return new SlotCell(
                            s.Id,
                            ClinicTimeLabel.Time(clinicTime, s.StartUtc),
                            s.Status == BookingStatus.Completed ? SlotState.Completed
                                : s.Status == BookingStatus.NoShow ? SlotState.NoShow
                                : s.IsWithdrawn ? SlotState.MustBeMoved
                                : s.BookingId is not null ? SlotState.Booked
                                : s.StartUtc <= now ? SlotState.Past
                                : refused.ContainsKey(s.Id) ? SlotState.Unavailable
                                : SlotState.Free,
                            s.BookingId is null || other ? null : AffectedBookings.Initials(s.First, s.Last),
                            other ? null : s.BookingId)
                        {
                            Reason = refused.GetValueOrDefault(s.Id),
                            PhysicianName = other ? null : NameOf(s.PhysicianId),
                            BayName = other ? null : NameOf(s.RecoveryUnitId),
                            OtherPhysician = other,
                        };
                    })
                    .ToList();
                return new DayCell(date, closure?.Reason, cells);
            }).ToList())).ToList();

            var shown = rows.SelectMany(r => r.Days).SelectMany(d => d.Slots).Where(c => c.BookingId is not null).Select(c => c.BookingId!.Value).ToList();
            if (shown.Count > 0)
            {
                auditLog.RecordListView("Booking", "Booking", shown, $"Initials on the week calendar of {monday:yyyy-MM-dd} ({shown.Count} bookings)");
            }

            var physicians = resources.Where(r => r.Kind == ResourceKind.Physician && r.IsActive).OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
                .Select(r => new PhysicianOption(r.Id, r.Name)).ToList();
            return new View(monday, today, dates, rows, anyTemplates, ClinicTimeLabel.For(clinicTime, now)) { Physicians = physicians, PhysicianId = query.PhysicianId };
        }
    }
}
