using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Messaging;
using Scheduling.Domain.Slots;

namespace Scheduling.Application.Features.Confirmation;

/// <summary>
/// The schedulers' "needs attention" list: patients who have not confirmed in time, patients who
/// asked for another date, and emails that failed for good (so none is dropped silently).
/// </summary>
public static class ListNeedsAttention
{
    public const int MaxRows = 200;

    public sealed record Query : IQuery<NeedsAttention>, IAuditedQuery;

    public sealed class Handler(IApplicationDbContext db, IAuditLog audit, ClinicTime clinicTime) : IQueryHandler<Query, NeedsAttention>
    {
        public async ValueTask<NeedsAttention> Handle(Query query, CancellationToken cancellationToken)
        {
            var active = from booking in db.Bookings.AsNoTracking()
                         join slot in db.Slots on booking.SlotId equals slot.Id
                         join referral in db.Referrals on booking.ReferralId equals referral.Id
                         join room in db.Rooms on slot.RoomId equals room.Id
                         where booking.Status == BookingStatus.PendingConfirmation || booking.Status == BookingStatus.Confirmed
                         select new { booking, slot.StartUtc, referral.Id, referral.PatientFirstName, referral.PatientLastName, referral.PatientPhone, RoomName = room.Name };

            var notConfirmed = await active
                .Where(x => x.booking.Status == BookingStatus.PendingConfirmation && x.booking.EscalatedAtUtc != null)
                .OrderBy(x => x.StartUtc).Take(MaxRows).ToListAsync(cancellationToken);
            var requests = await active
                .Where(x => x.booking.PatientRequest == PatientRequest.Reschedule)
                .OrderBy(x => x.booking.PatientRequestAtUtc).Take(MaxRows).ToListAsync(cancellationToken);

            var failed = await (
                from message in db.OutboxMessages.AsNoTracking()
                where message.Status == OutboxStatus.Failed
                join booking in db.Bookings on message.SubjectId equals booking.Id into bookings
                from booking in bookings.DefaultIfEmpty()
                orderby message.CreatedAtUtc
                select new FailedMessageRow(message.Id, message.Kind, message.SubjectId, booking == null ? null : booking.ReferralId, message.Attempts, message.LastError, message.CreatedAtUtc))
                .Take(MaxRows).ToListAsync(cancellationToken);

            var result = new NeedsAttention(
                notConfirmed.Select(x => new BookingAttentionRow(
                    x.booking.Id, x.Id, $"{x.PatientFirstName} {x.PatientLastName}", x.PatientPhone, clinicTime.ToLocal(x.StartUtc), x.RoomName,
                    clinicTime.ToLocal(x.booking.EscalatedAtUtc!.Value))).ToList(),
                requests.Select(x => new BookingAttentionRow(
                    x.booking.Id, x.Id, $"{x.PatientFirstName} {x.PatientLastName}", x.PatientPhone, clinicTime.ToLocal(x.StartUtc), x.RoomName,
                    clinicTime.ToLocal(x.booking.PatientRequestAtUtc!.Value))).ToList(),
                failed.Select(f => f with { CreatedAt = clinicTime.ToLocal(f.CreatedAt) }).ToList());

            audit.RecordListView(
                "NeedsAttentionList",
                "Booking",
                result.NotConfirmed.Concat(result.RescheduleRequests).Select(r => r.BookingId),
                $"{result.NotConfirmed.Count} not confirmed, {result.RescheduleRequests.Count} reschedule requests");
            return result;
        }
    }
}

public sealed record NeedsAttention(
    IReadOnlyList<BookingAttentionRow> NotConfirmed,
    IReadOnlyList<BookingAttentionRow> RescheduleRequests,
    IReadOnlyList<FailedMessageRow> FailedMessages);

/// <summary><paramref name="Since"/> is when it was escalated or requested, in clinic time.</summary>
public sealed record BookingAttentionRow(
    Guid BookingId, Guid ReferralId, string PatientName, string PatientPhone, DateTime ProcedureLocal, string Room, DateTime Since);

/// <summary><paramref name="CreatedAt"/> is in clinic time.</summary>
public sealed record FailedMessageRow(
    Guid Id, string Kind, Guid BookingId, Guid? ReferralId, int Attempts, string? LastError, DateTime CreatedAt);
