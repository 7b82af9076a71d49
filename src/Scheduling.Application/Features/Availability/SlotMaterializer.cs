using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Slots;

namespace Scheduling.Application.Features.Availability;

/// <summary>What one materialization run changed. Withdrawn slots still hold an active booking a scheduler must move.</summary>
public sealed record MaterializationSummary(
    DateOnly FromLocalDate,
    DateOnly ToLocalDate,
    int Created,
    int Deleted,
    int Withdrawn,
    int Restored)
{
    public bool ChangedAnything => Created + Deleted + Withdrawn + Restored > 0;
}

/// <summary>
/// Makes the Slots table match the templates, closures and room states for today up to the horizon
/// (clinic local dates). Future slots that should exist are inserted; future slots that should not
/// are deleted when no booking ever referred to them, and otherwise withdrawn (kept, so an active
/// booking is never lost and a cancelled one keeps its history). A withdrawn slot that should exist
/// again (closure removed, room back in service) is restored. Slots that have already started and
/// slots beyond the horizon are left alone.
/// </summary>
/// <remarks>
/// Runs inside the caller's transaction (the command that changed a template or closure, or the
/// recurring job's command). Two runs at once are safe: the unique (room, start) index refuses the
/// second copy of a slot and the slot's concurrency token refuses a second delete or withdraw; either
/// refusal makes this run re-read and plan again, and EF rolls the failed SaveChanges back to its
/// savepoint so the caller's earlier work in the transaction stays.
/// </remarks>
public sealed class SlotMaterializer(
    IApplicationDbContext db,
    IDatabaseErrors databaseErrors,
    IAuditLog auditLog,
    ClinicTime clinicTime,
    SlotPolicy policy,
    TimeProvider clock)
{
    private const int MaxAttempts = 5;

    /// <param name="roomId">
    /// Only this room's slots, for a change that concerns one room (its template, a closure of it, its
    /// service status); null for every room (the nightly run, a whole-clinic closure). A one-room
    /// change then never rewrites other rooms' slots and reads a fraction of the rows.
    /// </param>
    public async Task<MaterializationSummary> RunAsync(string trigger, Guid? roomId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var summary = await RunOnceAsync(roomId, cancellationToken);
                auditLog.Record(
                    "SlotsMaterialized",
                    nameof(Slot),
                    roomId,
                    $"{trigger}: {summary.FromLocalDate:yyyy-MM-dd} to {summary.ToLocalDate:yyyy-MM-dd}; created {summary.Created}, " +
                    $"deleted {summary.Deleted}, withdrawn {summary.Withdrawn}, restored {summary.Restored}.");
                await db.SaveChangesAsync(cancellationToken);
                return summary;
            }
            catch (DbUpdateException ex) when (attempt < MaxAttempts
                && (ex is DbUpdateConcurrencyException || databaseErrors.IsUniqueViolation(ex)))
            {
                // Another run got there first; forget what this one planned and look again.
                ForgetPendingSlotChanges();
            }
        }
    }

    private async Task<MaterializationSummary> RunOnceAsync(Guid? roomId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var from = clinicTime.LocalDate(now);
        var to = policy.HorizonLastLocalDate(from);

        var rooms = await db.Rooms.AsNoTracking()
            .Where(r => roomId == null || r.Id == roomId)
            .Select(r => new { r.Id, r.IsActive })
            .ToListAsync(cancellationToken);
        var templates = await db.RoomDayTemplates.AsNoTracking()
            .Where(t => roomId == null || t.RoomId == roomId)
            .ToListAsync(cancellationToken);
        var closures = await db.Closures.AsNoTracking()
            .Where(c => c.ToDate >= from && c.FromDate <= to)
            .ToListAsync(cancellationToken);

        var schedules = rooms.Select(r => new RoomSchedule(
            r.Id,
            r.IsActive,
            templates.Where(t => t.RoomId == r.Id).Select(t => t.ToDayTemplate()).ToList()));
        var wanted = SlotGenerator.GenerateWithClosures(schedules, closures.Select(c => c.ToWindow()), from, to, clinicTime)
            .Open
            .Where(c => c.StartUtc > now)
            .ToDictionary(c => (c.RoomId, c.StartUtc));

        var inRange = db.Slots.Where(s => s.LocalDate >= from && s.LocalDate <= to && s.StartUtc > now
            && (roomId == null || s.RoomId == roomId));
        var existing = await inRange.ToListAsync(cancellationToken);
        var bookings = await db.Bookings.AsNoTracking()
            .Where(b => inRange.Any(s => s.Id == b.SlotId))
            .Select(b => new { b.SlotId, b.Status })
            .ToListAsync(cancellationToken);
        var everBooked = bookings.Select(b => b.SlotId).ToHashSet();

        int created = 0, deleted = 0, withdrawn = 0, restored = 0;
        foreach (var slot in existing)
        {
            if (wanted.Remove((slot.RoomId, slot.StartUtc)))
            {
                if (slot.IsWithdrawn)
                {
                    slot.Restore();
                    restored++;
                }
            }
            else if (!everBooked.Contains(slot.Id))
            {
                db.Slots.Remove(slot);
                deleted++;
            }
            else if (!slot.IsWithdrawn)
            {
                // Booked now, or booked once and cancelled: the row stays for the booking's sake.
                slot.Withdraw();
                if (bookings.Any(b => b.SlotId == slot.Id && BookingStatuses.Active.Contains(b.Status)))
                {
                    withdrawn++;
                }
            }
        }

        foreach (var candidate in wanted.Values)
        {
            db.Slots.Add(Slot.Create(candidate, now));
            created++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new MaterializationSummary(from, to, created, deleted, withdrawn, restored);
    }

    private void ForgetPendingSlotChanges()
    {
        foreach (var slot in db.Slots.Local.ToList())
        {
            db.Slots.Entry(slot).State = EntityState.Detached;
        }

        // The failed SaveChanges already added audit lines for the slot updates it tried.
        foreach (var line in db.AuditEntries.Local.Where(a => a.EntityType == nameof(Slot)).ToList())
        {
            if (db.AuditEntries.Entry(line).State == EntityState.Added)
            {
                db.AuditEntries.Entry(line).State = EntityState.Detached;
            }
        }
    }
}
