using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Messaging;

namespace Scheduling.Application.Features.Bookings;

/// <summary>A booking as the scheduler works it: patient, slot, room, status, the referral's timeline and what can be done next.</summary>
public static class GetBooking
{
    public sealed record Query(Guid BookingId) : IQuery<Result<Detail>>, IAuditedQuery;

    public sealed record Detail(
        Guid Id,
        BookingStatus Status,
        int Sequence,
        ReferralSummary Referral,
        Guid SlotId,
        string RoomName,
        string? RoomLocation,
        DateTime LocalStart,
        DateTime LocalEnd,
        DateTime BookedAtLocal,
        string BookedBy,
        string? LeadTimeOverrideReason,
        DateTime? ConfirmedAtLocal,
        string? CancelReason,
        bool CancelledByPatient,
        PatientRequest PatientRequest,
        bool Escalated,
        bool ConfirmedAfterReminder,
        bool CanReschedule,
        bool CanCancel,
        bool CanRecordOutcome,
        IReadOnlyList<TimelineEntry> Timeline)
    {
        /// <summary>The patient needs an interpreter and nobody has gone through this date with them and one yet.</summary>
        public bool InterpreterCallOutstanding { get; init; }

        /// <summary>When the patient's mobile number replied STOP (no texts go to it); null when it has not.</summary>
        public DateTime? TextsStoppedAtLocal { get; init; }

        /// <summary>The clinic sends texts at all.</summary>
        public bool TextsOffered { get; init; }

        /// <summary>The performing IR physician; null while none is assigned.</summary>
        public string? PhysicianName { get; init; }

        public string? SedationNurseName { get; init; }

        /// <summary>The recovery unit the patient has a bay in, until <see cref="LocalRecoveryEnd"/>.</summary>
        public string? BayName { get; init; }

        public DateTime? LocalRecoveryEnd { get; init; }

        /// <summary>IR physicians the booking may be moved to when rescheduled.</summary>
        public IReadOnlyList<PhysicianChoice> Physicians { get; init; } = [];

        public Guid? PhysicianId { get; init; }
    }

    public sealed record TimelineEntry(DateTime LocalTime, string Kind, string Text, string? Actor);

    public sealed class Handler(
        IApplicationDbContext db,
        IAuditLog auditLog,
        ICurrentUser user,
        IUserDirectory directory,
        ClinicTime clinicTime,
        EligibilityCriteria criteria,
        TextingPolicy texting,
        TimeProvider clock) : IQueryHandler<Query, Result<Detail>>
    {
        public async ValueTask<Result<Detail>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!BookingRules.MayManageBookings(user))
            {
                return Error.NotFound();
            }

            var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == query.BookingId, cancellationToken);
            if (booking is null)
            {
                return Error.NotFound("The booking was not found.");
            }

            var slot = await db.Slots.AsNoTracking().SingleAsync(s => s.Id == booking.SlotId, cancellationToken);
            var room = await db.Rooms.AsNoTracking().SingleAsync(r => r.Id == slot.RoomId, cancellationToken);
            var referral = await db.Referrals.AsNoTracking().SingleAsync(r => r.Id == booking.ReferralId, cancellationToken);
            var events = await db.ReferralEvents.AsNoTracking()
                .Where(e => e.ReferralId == referral.Id)
                .OrderBy(e => e.AtUtc).ThenBy(e => e.Id)
                .ToListAsync(cancellationToken);

            auditLog.RecordView(nameof(Booking), booking.Id);
            var stoppedAt = referral.PatientMobile is { } mobile
                ? await db.TextOptOuts.AsNoTracking().Where(o => o.PhoneNumber == mobile).Select(o => (DateTime?)o.OptedOutAtUtc).SingleOrDefaultAsync(cancellationToken)
                : null;

            // The booking keeps the sign-in name it was made under; people are shown by their full name.
            var bookedBy = await directory.DisplayNameOfAsync(booking.BookedBy, cancellationToken);

            var held = new[] { booking.PhysicianId, booking.SedationNurseId, booking.RecoveryUnitId }.OfType<Guid>().ToList();
            var names = held.Count == 0
                ? []
                : await db.Resources.AsNoTracking().Where(r => held.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, cancellationToken);
            string? NameOf(Guid? id) => id is { } known ? names.GetValueOrDefault(known) : null;

            var now = clock.GetUtcNow().UtcDateTime;
            return new Detail(
                booking.Id,
                booking.Status,
                booking.Sequence,
                ReferralSummary.From(referral, clinicTime, criteria, slot.LocalDate, now),
                slot.Id,
                room.Name,
                room.Location,
                clinicTime.ToLocal(slot.StartUtc),
                clinicTime.ToLocal(slot.EndUtc),
                clinicTime.ToLocal(booking.BookedAtUtc),
                bookedBy,
                booking.LeadTimeOverrideReason,
                booking.ConfirmedAtUtc is { } confirmed ? clinicTime.ToLocal(confirmed) : null,
                booking.CancelReason,
                booking.CancelledByPatient,
                booking.PatientRequest,
                booking.IsEscalated,
                booking.IsConfirmedAfterEscalation,
                CanReschedule: booking.IsActive,
                CanCancel: booking.IsActive,
                CanRecordOutcome: booking.IsActive && Booking.OutcomeMayBeRecorded(slot.StartUtc, now),
                events.Select(e => new TimelineEntry(clinicTime.ToLocal(e.AtUtc), e.Kind, e.Text, e.Actor)).ToList())
            {
                InterpreterCallOutstanding = booking.InterpreterCallOutstanding(referral.NeedsInterpreter),
                TextsStoppedAtLocal = stoppedAt is { } at ? clinicTime.ToLocal(at) : null,
                TextsOffered = texting.Enabled,
                PhysicianName = NameOf(booking.PhysicianId),
                SedationNurseName = NameOf(booking.SedationNurseId),
                BayName = NameOf(booking.RecoveryUnitId),
                LocalRecoveryEnd = booking.RecoveryEndsUtc is { } ends ? clinicTime.ToLocal(ends) : null,
                Physicians = booking.IsActive ? await PhysicianChoice.ListAsync(db, cancellationToken) : [],
                PhysicianId = booking.PhysicianId,
            };
        }
    }
}
