using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Messaging;

namespace Scheduling.Application.Features.Messaging;

/// <summary>
/// When the clinic changes its reminder times, the reminders already waiting follow at once: for every
/// booking still ahead, a waiting reminder at a time no longer in the list is skipped (with that
/// reason), and a reminder at a new time that is still ahead is queued (with its text message when the
/// clinic sends texts, as a booking queues them). Reminders already sent stay
/// as they were. Runs in the settings change's own transaction.
/// </summary>
public static class ReminderPlan
{
    public const string DroppedReason = "The clinic changed its reminder times; this one is no longer sent.";

    /// <returns>How many reminders were skipped or queued.</returns>
    public static async Task<int> FollowAsync(
        IApplicationDbContext db, IOutbox outbox, IReadOnlyList<TimeSpan> offsets, TextingPolicy texting, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var upcoming = await (
                from booking in db.Bookings.Where(BookingStatuses.IsActiveExpr)
                join slot in db.Slots on booking.SlotId equals slot.Id
                where slot.StartUtc > nowUtc
                select new { booking.Id, booking.Sequence, slot.StartUtc })
            .ToListAsync(cancellationToken);

        var queued = await (
                from message in db.OutboxMessages.AsNoTracking()
                where message.Kind.StartsWith(MessageKinds.PatientReminder)
                join booking in db.Bookings.Where(BookingStatuses.IsActiveExpr) on message.SubjectId equals booking.Id
                join slot in db.Slots on booking.SlotId equals slot.Id
                where slot.StartUtc > nowUtc && message.SubjectVersion == booking.Sequence
                select new { message.Id, message.Kind, message.SubjectId, message.Status })
            .ToListAsync(cancellationToken);

        var dropped = queued
            .Where(m => m.Status == OutboxStatus.Pending
                && (PatientReminders.TryParse(m.Kind, out var before) || PatientReminders.TryParseText(m.Kind, out before))
                && !offsets.Contains(before))
            .Select(m => m.Id)
            .ToList();
        var skipped = 0;
        foreach (var chunk in dropped.Chunk(500))
        {
            // Conditional, like the dispatcher's claim: a reminder a worker has just claimed is left to it.
            skipped += await db.OutboxMessages
                .Where(m => chunk.Contains(m.Id) && m.Status == OutboxStatus.Pending)
                .ExecuteUpdateAsync(
                    set => set
                        .SetProperty(m => m.Status, OutboxStatus.Skipped)
                        .SetProperty(m => m.LastError, DroppedReason)
                        .SetProperty(m => m.SentAtUtc, nowUtc),
                    cancellationToken);
        }

        var existing = queued.Select(m => (m.SubjectId, m.Kind)).ToHashSet();
        var added = 0;
        foreach (var booking in upcoming)
        {
            var texts = texting.Enabled ? PatientReminders.UpcomingTexts(offsets, booking.StartUtc, nowUtc) : [];
            foreach (var (kind, due) in PatientReminders.Upcoming(offsets, booking.StartUtc, nowUtc).Concat(texts))
            {
                if (existing.Add((booking.Id, kind)))
                {
                    outbox.Enqueue(kind, booking.Id, booking.Sequence, due);
                    added++;
                }
            }
        }

        return skipped + added;
    }
}
