using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;

namespace Scheduling.Application.Features.Closures;

/// <summary>
/// Active bookings whose slot was withdrawn (a closure, a template change or a room taken out of
/// service removed it): the scheduler's "must be moved" list. Only the patient's initials are shown,
/// and each booking shown is recorded as a view.
/// </summary>
public sealed class AffectedBookings(IApplicationDbContext db, IAuditLog auditLog, ClinicTime clinicTime)
{
    public sealed record Row(
        Guid BookingId,
        Guid ReferralId,
        Guid SlotId,
        string RoomName,
        DateOnly LocalDate,
        string LocalTime,
        string PatientInitials,
        string Why);

    public async Task<IReadOnlyList<Row>> ListAsync(DateOnly? from, DateOnly? to, Guid? roomId, CancellationToken cancellationToken)
    {
        var slots = db.Slots.AsNoTracking().Where(s => s.IsWithdrawn);
        if (from is { } first)
        {
            slots = slots.Where(s => s.LocalDate >= first);
        }
        if (to is { } last)
        {
            slots = slots.Where(s => s.LocalDate <= last);
        }
        if (roomId is { } room)
        {
            slots = slots.Where(s => s.RoomId == room);
        }

        var found = await (
                from s in slots
                join b in db.Bookings.Where(BookingStatuses.IsActiveExpr) on s.Id equals b.SlotId
                join r in db.Rooms on s.RoomId equals r.Id
                join p in db.Referrals on b.ReferralId equals p.Id
                orderby s.StartUtc, r.Name
                select new
                {
                    BookingId = b.Id,
                    b.ReferralId,
                    SlotId = s.Id,
                    s.RoomId,
                    RoomName = r.Name,
                    RoomActive = r.IsActive,
                    s.LocalDate,
                    s.StartUtc,
                    First = p.PatientFirstName.Substring(0, 1),
                    Last = p.PatientLastName.Substring(0, 1),
                })
            .ToListAsync(cancellationToken);
        if (found.Count == 0)
        {
            return [];
        }

        var minDate = found.Min(f => f.LocalDate);
        var maxDate = found.Max(f => f.LocalDate);
        var closures = await db.Closures.AsNoTracking()
            .Where(c => c.ToDate >= minDate && c.FromDate <= maxDate)
            .OrderBy(c => c.FromDate)
            .ToListAsync(cancellationToken);

        var rows = found.Select(f =>
        {
            var closure = closures.FirstOrDefault(c => c.ToWindow().Covers(f.RoomId, f.LocalDate));
            var why = closure is not null ? $"Closed: {closure.Reason}"
                : !f.RoomActive ? "Room out of service"
                : "No longer in the room's template";
            return new Row(
                f.BookingId, f.ReferralId, f.SlotId, f.RoomName, f.LocalDate,
                ClinicTimeLabel.Time(clinicTime, f.StartUtc), Initials(f.First, f.Last), why);
        }).ToList();

        auditLog.RecordListView("Booking", "Booking", rows.Select(r => r.BookingId), $"Initials on the must-be-moved list ({rows.Count} bookings)");
        return rows;
    }

    /// <summary>Same form as <c>Referral.PatientInitials</c>, from first letters read in SQL so full names never leave the database.</summary>
    public static string Initials(string? first, string? last) =>
        $"{Initial(first)}{Initial(last)}";

    private static string Initial(string? name) =>
        string.IsNullOrWhiteSpace(name) ? string.Empty : char.ToUpperInvariant(name[0]).ToString();
}
