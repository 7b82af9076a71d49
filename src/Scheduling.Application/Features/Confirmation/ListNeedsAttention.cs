using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Features.Resources;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Messaging;

namespace Scheduling.Application.Features.Confirmation;

/// <summary>
/// The schedulers' "needs attention" list: patients who have not confirmed in time, patients who
/// asked for another date, patients to call with an interpreter (their language is not one the clinic
/// writes in), bookings that time away or fewer bays left without a place (<see cref="CapacityHits"/>), and
/// emails and texts that failed for good (so none is dropped silently). Above them,
/// when emails have waited past <see cref="MessageDeliveryPolicy"/>'s time without going out (the mail
/// server refusing or unreachable), how many and since when: a count, no patient in it.
/// </summary>
public static class ListNeedsAttention
{
    public const int MaxRows = 200;

    /// <summary>How long a "not confirmed" that the patient then confirmed stays listed as resolved.</summary>
    public static readonly TimeSpan ResolvedShownFor = TimeSpan.FromDays(7);

    public sealed record Query : IQuery<NeedsAttention>, IAuditedQuery;

    /// <summary>Bookings escalated for not being confirmed in time and still not confirmed.</summary>
    public static IQueryable<Booking> NotConfirmed(IApplicationDbContext db) => db.Bookings.AsNoTracking().Where(Booking.IsEscalatedExpr);

    /// <summary>Active bookings whose patient asked for another date.</summary>
    public static IQueryable<Booking> AnotherDateRequests(IApplicationDbContext db) =>
        db.Bookings.AsNoTracking().Where(BookingStatuses.IsActiveExpr).Where(b => b.PatientRequest == PatientRequest.Reschedule);

    /// <summary>Active bookings whose patient speaks a language the clinic does not write in, and no one has called them yet.</summary>
    public static IQueryable<Booking> InterpreterCalls(IApplicationDbContext db) =>
        db.Bookings.AsNoTracking().Where(BookingStatuses.IsActiveExpr).Where(Booking.InterpreterNotCalledExpr)
            .Where(b => db.Referrals.Any(r => r.Id == b.ReferralId && r.PreferredLanguage == PatientLanguages.Other));

    /// <summary>Emails and texts that failed for good.</summary>
    public static IQueryable<OutboxMessage> FailedMessages(IApplicationDbContext db) =>
        db.OutboxMessages.AsNoTracking().Where(m => m.Status == OutboxStatus.Failed);

    public sealed class Handler(IApplicationDbContext db, IAuditLog audit, ClinicTime clinicTime, TimeProvider clock, MessageDeliveryPolicy delivery)
        : IQueryHandler<Query, NeedsAttention>
    {
        public async ValueTask<NeedsAttention> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var resolvedSince = now - ResolvedShownFor;
            var notConfirmed = await Rows(NotConfirmed(db))
                .OrderBy(x => x.StartUtc).Take(MaxRows).ToListAsync(cancellationToken);
            var resolved = await Rows(db.Bookings.Where(Booking.IsConfirmedAfterEscalationExpr).Where(b => b.ConfirmedAtUtc >= resolvedSince))
                .OrderByDescending(x => x.Booking.ConfirmedAtUtc).Take(MaxRows).ToListAsync(cancellationToken);
            var requests = await Rows(AnotherDateRequests(db))
                .OrderBy(x => x.Booking.PatientRequestAtUtc).Take(MaxRows).ToListAsync(cancellationToken);
            var interpreter = await Rows(InterpreterCalls(db))
                .OrderBy(x => x.StartUtc).Take(MaxRows).ToListAsync(cancellationToken);
            var hits = (await CapacityHits.ListAsync(db, clinicTime, now, cancellationToken)).ToDictionary(h => h.BookingId);
            var hitIds = hits.Keys.ToList();
            List<BookingRow> toMove = hitIds.Count == 0 ? [] : await Rows(db.Bookings.Where(b => hitIds.Contains(b.Id)))
                .OrderBy(x => x.StartUtc).Take(MaxRows).ToListAsync(cancellationToken);

            var failed = await (
                from message in FailedMessages(db)
                join booking in db.Bookings on message.SubjectId equals booking.Id into bookings
                from booking in bookings.DefaultIfEmpty()
                join referral in db.Referrals on message.SubjectId equals referral.Id into referrals
                from referral in referrals.DefaultIfEmpty()
                orderby message.CreatedAtUtc
                select new FailedMessageRow(message.Id, message.Kind, message.SubjectId, booking == null ? (referral == null ? null : referral.Id) : booking.ReferralId, message.Attempts, message.LastError, message.CreatedAtUtc)
                {
                    AboutBooking = booking != null,
                    Channel = message.Channel,
                })
                .Take(MaxRows).ToListAsync(cancellationToken);

            var delayed = db.OutboxMessages.AsNoTracking().Where(OutboxMessage.IsDelayedExpr(delivery.DelayedIfDueBefore(now)));
            var delayedCount = await delayed.CountAsync(cancellationToken);
            var oldestDue = delayedCount == 0 ? null : await delayed.MinAsync(m => (DateTime?)m.DueAtUtc, cancellationToken);

            var result = new NeedsAttention(
                notConfirmed.Select(x => new BookingAttentionRow(
                    x.Booking.Id, x.Id, $"{x.PatientFirstName} {x.PatientLastName}", x.PatientPhone, clinicTime.ToLocal(x.StartUtc), x.RoomName,
                    clinicTime.ToLocal(x.Booking.EscalatedAtUtc!.Value))).ToList(),
                requests.Select(x => new BookingAttentionRow(
                    x.Booking.Id, x.Id, $"{x.PatientFirstName} {x.PatientLastName}", x.PatientPhone, clinicTime.ToLocal(x.StartUtc), x.RoomName,
                    clinicTime.ToLocal(x.Booking.PatientRequestAtUtc!.Value))
                { PatientPreferences = x.Booking.PatientRequestNote }).ToList(),
                failed.Select(f => f with { CreatedAt = clinicTime.ToLocal(f.CreatedAt) }).ToList())
            {
                ConfirmedAfterReminder = resolved.Select(x => new BookingAttentionRow(
                    x.Booking.Id, x.Id, $"{x.PatientFirstName} {x.PatientLastName}", x.PatientPhone, clinicTime.ToLocal(x.StartUtc), x.RoomName,
                    clinicTime.ToLocal(x.Booking.ConfirmedAtUtc!.Value))).ToList(),
                InterpreterCalls = interpreter.Select(x => new BookingAttentionRow(
                    x.Booking.Id, x.Id, $"{x.PatientFirstName} {x.PatientLastName}", x.PatientPhone, clinicTime.ToLocal(x.StartUtc), x.RoomName,
                    clinicTime.ToLocal(x.Booking.BookedAtUtc))
                { InterpreterLanguage = x.InterpreterLanguage }).ToList(),
                ToMove = toMove.Select(x => new BookingAttentionRow(
                    x.Booking.Id, x.Id, $"{x.PatientFirstName} {x.PatientLastName}", x.PatientPhone, clinicTime.ToLocal(x.StartUtc), x.RoomName,
                    clinicTime.ToLocal(x.Booking.BookedAtUtc))
                { Reason = hits[x.Booking.Id].Reason }).ToList(),
                DelayedMessages = oldestDue is { } oldest ? new DelayedMessages(delayedCount, clinicTime.ToLocal(oldest), delivery.AlertAfterMinutes) : null,
            };

            audit.RecordListView(
                "NeedsAttentionList",
                "Booking",
                result.NotConfirmed.Concat(result.ConfirmedAfterReminder).Concat(result.RescheduleRequests).Concat(result.InterpreterCalls).Concat(result.ToMove).Select(r => r.BookingId),
                $"{result.NotConfirmed.Count} not confirmed, {result.ConfirmedAfterReminder.Count} resolved, {result.RescheduleRequests.Count} reschedule requests, {result.InterpreterCalls.Count} interpreter calls, {result.ToMove.Count} to move for time away or fewer bays");
            return result;
        }

        private IQueryable<BookingRow> Rows(IQueryable<Booking> bookings) =>
            from booking in bookings.AsNoTracking()
            join slot in db.Slots on booking.SlotId equals slot.Id
            join referral in db.Referrals on booking.ReferralId equals referral.Id
            join room in db.Rooms on slot.RoomId equals room.Id
            select new BookingRow
            {
                Booking = booking,
                StartUtc = slot.StartUtc,
                Id = referral.Id,
                PatientFirstName = referral.PatientFirstName,
                PatientLastName = referral.PatientLastName,
                PatientPhone = referral.PatientPhone,
                RoomName = room.Name,
                PreferredLanguage = referral.PreferredLanguage,
                InterpreterLanguage = referral.InterpreterLanguage,
            };

        /// <summary>Member-initialised (not a positional record) so EF can sort and filter on it after the projection.</summary>
        private sealed class BookingRow
        {
            public required Booking Booking { get; init; }

            public DateTime StartUtc { get; init; }

            public Guid Id { get; init; }

            public required string PatientFirstName { get; init; }

            public required string PatientLastName { get; init; }

            public required string PatientPhone { get; init; }

            public required string RoomName { get; init; }

            public required string PreferredLanguage { get; init; }

            public string? InterpreterLanguage { get; init; }
        }
    }
}

public sealed record NeedsAttention(
    IReadOnlyList<BookingAttentionRow> NotConfirmed,
    IReadOnlyList<BookingAttentionRow> RescheduleRequests,
    IReadOnlyList<FailedMessageRow> FailedMessages)
{
    /// <summary>Listed as not confirmed in time, then confirmed by the patient: resolved (Since is when they confirmed).</summary>
    public IReadOnlyList<BookingAttentionRow> ConfirmedAfterReminder { get; init; } = [];

    /// <summary>Bookings whose patient needs a call with an interpreter about this date (Since is when it was booked or moved).</summary>
    public IReadOnlyList<BookingAttentionRow> InterpreterCalls { get; init; } = [];

    /// <summary>Bookings that time away, an unavailable physician, nurse or unit, or fewer bays left without a place (<see cref="CapacityHits"/>), with the reason; Since is when it was booked.</summary>
    public IReadOnlyList<BookingAttentionRow> ToMove { get; init; } = [];

    /// <summary>Emails still not delivered past the alert time; null when every due email went out in time.</summary>
    public DelayedMessages? DelayedMessages { get; init; }
}

/// <summary>
/// <paramref name="Count"/> messages due more than <paramref name="AfterMinutes"/> minutes ago and still
/// not delivered; <paramref name="OldestDueLocal"/> (clinic time) is when the oldest of them was due.
/// </summary>
public sealed record DelayedMessages(int Count, DateTime OldestDueLocal, int AfterMinutes);

/// <summary><paramref name="Since"/> is when it was escalated or requested, in clinic time.</summary>
public sealed record BookingAttentionRow(
    Guid BookingId, Guid ReferralId, string PatientName, string PatientPhone, DateTime ProcedureLocal, string Room, DateTime Since)
{
    /// <summary>For a request for another date: the days and times that suit the patient, and their note.</summary>
    public string? PatientPreferences { get; init; }

    /// <summary>For an interpreter call: the language the interpreter must speak.</summary>
    public string? InterpreterLanguage { get; init; }

    /// <summary>For a booking to move: what took its place ("Dr Lee on leave until Fri 6 Mar").</summary>
    public string? Reason { get; init; }
}

/// <summary>
/// <paramref name="CreatedAt"/> is in clinic time. <paramref name="BookingId"/> is the message's subject:
/// a booking, or for a review decision's email the referral itself (<see cref="AboutBooking"/> false).
/// </summary>
public sealed record FailedMessageRow(
    Guid Id, string Kind, Guid BookingId, Guid? ReferralId, int Attempts, string? LastError, DateTime CreatedAt)
{
    public bool AboutBooking { get; init; } = true;

    public MessageChannel Channel { get; init; } = MessageChannel.Email;
}
