using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Confirmation;
using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Capacity;
using Scheduling.Domain.Common;
using Scheduling.Domain.Eligibility;

namespace Scheduling.Application.Features.Bookings;

/// <summary>
/// The procedure day's list (what the team prints in the morning): per room, every slot of one clinic
/// day with the patient who holds it (any occupying booking: pending, confirmed, completed or a
/// no-show), their identifiers and phone, the arrival time, the confirmation state and what to
/// prepare. Viewing it is one audit line naming every booking shown.
/// </summary>
public static class GetDayList
{
    public sealed record Query(DateOnly Date) : IQuery<Result<View>>, IAuditedQuery;

    public sealed record View(DateOnly Date, DateOnly Today, string ZoneLabel, IReadOnlyList<RoomDay> Rooms)
    {
        public int BookingCount => Rooms.Sum(r => r.Slots.Count(s => s.Patient is not null));

        /// <summary>Physicians, nurses and recovery units away part of the day ("Dr Lee in a meeting (Tumour board) 13:00–17:00").</summary>
        public IReadOnlyList<string> Away { get; init; } = [];
    }

    /// <param name="PartClosures">Part-day closures of the room that day ("closed for maintenance 13:00–17:00").</param>
    public sealed record RoomDay(Guid RoomId, string Name, string? Location, string? ClosedReason, IReadOnlyList<SlotLine> Slots)
    {
        public IReadOnlyList<string> PartClosures { get; init; } = [];
    }

    /// <param name="Patient">Null when the slot is free.</param>
    public sealed record SlotLine(Guid SlotId, DateTime LocalStart, DateTime LocalEnd, bool Withdrawn, PatientLine? Patient);

    public sealed record PatientLine(
        Guid BookingId,
        Guid ReferralId,
        string Reference,
        string Name,
        DateOnly DateOfBirth,
        string? MedicalRecordNumber,
        string Phone,
        DateTime LocalArrival,
        BookingStatus Status,
        bool AskedForAnotherDate,
        DayFlags Flags)
    {
        /// <summary>The performing IR physician; null while none is assigned.</summary>
        public string? PhysicianName { get; init; }

        /// <summary>The recovery unit the patient has a bay in, and until when.</summary>
        public string? BayName { get; init; }

        public DateTime? LocalRecoveryEnd { get; init; }
    }

    /// <summary>What the team prepares for, derived from the questionnaire as the scheduling queue does.</summary>
    public sealed record DayFlags(
        bool OvernightBedLikely,
        bool ContrastPremedication,
        string? AnticoagulantToHold,
        bool LabsToRepeat,
        bool ImagingToRepeat,
        bool TransplantCoordination)
    {
        public bool Any => OvernightBedLikely || ContrastPremedication || AnticoagulantToHold is not null
            || LabsToRepeat || ImagingToRepeat || TransplantCoordination;
    }

    public sealed class Handler(
        IApplicationDbContext db,
        IAuditLog auditLog,
        ICurrentUser user,
        ClinicTime clinicTime,
        AppointmentPolicy appointments,
        EligibilityCriteria criteria,
        TimeProvider clock) : IQueryHandler<Query, Result<View>>
    {
        public async ValueTask<Result<View>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!ReferralAccess.IsStaff(user))
            {
                return Error.NotFound();
            }

            var date = query.Date;
            var slots = await (
                    from s in db.Slots.AsNoTracking()
                    where s.LocalDate == date
                    join b in db.Bookings.Where(BookingStatuses.IsOccupyingExpr) on s.Id equals b.SlotId into held
                    from b in held.DefaultIfEmpty()
                    join p in db.Referrals on b.ReferralId equals p.Id into referral
                    from p in referral.DefaultIfEmpty()
                    orderby s.StartUtc
                    select new { Slot = s, Booking = b, Referral = p })
                .ToListAsync(cancellationToken);

            var roomIds = slots.Select(s => s.Slot.RoomId).Distinct().ToList();
            var rooms = await db.Rooms.AsNoTracking()
                .Where(r => r.IsActive || roomIds.Contains(r.Id))
                .OrderBy(r => r.Name)
                .ToListAsync(cancellationToken);
            var closures = (await db.Closures.AsNoTracking()
                    .Where(c => c.FromDate <= date && c.ToDate >= date)
                    .ToListAsync(cancellationToken))
                .Select(c => c.ToWindow())
                .ToList();

            var dayStart = clinicTime.ToUtcNotLaterThan(date, TimeOnly.MinValue);
            var dayEnd = clinicTime.ToUtcNotLaterThan(date.AddDays(1), TimeOnly.MinValue);
            var resources = await db.Resources.AsNoTracking()
                .Select(r => new { r.Id, r.Name, r.Kind })
                .ToDictionaryAsync(r => r.Id, cancellationToken);
            var away = await db.Unavailabilities.AsNoTracking()
                .Where(u => u.StartUtc < dayEnd && u.EndUtc > dayStart)
                .OrderBy(u => u.StartUtc)
                .ToListAsync(cancellationToken);
            string? NameOf(Guid? id) => id is { } known && resources.TryGetValue(known, out var r) ? r.Name : null;
            string Describe(Unavailability u) =>
                $"{u.ToWindow().What} {CapacityText.Window(u.StartUtc, u.EndUtc, dayStart.AddHours(12), clinicTime)}";

            var roomDays = rooms.Select(room => new RoomDay(
                room.Id,
                room.Name,
                room.Location,
                closures.FirstOrDefault(c => c.Covers(room.Id, date))?.Reason,
                slots.Where(s => s.Slot.RoomId == room.Id && (!s.Slot.IsWithdrawn || s.Booking is not null))
                    .Select(s => new SlotLine(
                        s.Slot.Id,
                        clinicTime.ToLocal(s.Slot.StartUtc),
                        clinicTime.ToLocal(s.Slot.EndUtc),
                        s.Slot.IsWithdrawn,
                        s.Booking is null || s.Referral is null ? null : new PatientLine(
                            s.Booking.Id,
                            s.Referral.Id,
                            ReferralReference.For(s.Referral.Id),
                            $"{s.Referral.PatientLastName}, {s.Referral.PatientFirstName}",
                            s.Referral.PatientDateOfBirth,
                            s.Referral.MedicalRecordNumber,
                            s.Referral.PatientPhone,
                            clinicTime.ToLocal(appointments.ArrivalUtc(s.Slot.StartUtc)),
                            s.Booking.Status,
                            s.Booking.PatientRequest == PatientRequest.Reschedule,
                            Flags(s.Referral, date))
                        {
                            PhysicianName = NameOf(s.Booking.PhysicianId),
                            BayName = NameOf(s.Booking.RecoveryUnitId),
                            LocalRecoveryEnd = s.Booking.RecoveryEndsUtc is { } ends ? clinicTime.ToLocal(ends) : null,
                        }))
                    .ToList())
            {
                PartClosures = away.Where(u => u.ResourceId == room.Id).Select(Describe).ToList(),
            })
                .Where(r => r.Slots.Count > 0 || rooms.Single(x => x.Id == r.RoomId).IsActive)
                .ToList();

            var shown = roomDays.SelectMany(r => r.Slots).Where(s => s.Patient is not null).Select(s => s.Patient!.BookingId).ToList();
            auditLog.RecordListView("DayList", nameof(Booking), shown, Details(date, shown));

            var now = clock.GetUtcNow().UtcDateTime;
            return new View(date, clinicTime.LocalDate(now), ClinicTimeLabel.For(clinicTime, clinicTime.ToUtc(date, new TimeOnly(12, 0))), roomDays)
            {
                Away = away.Where(u => resources.TryGetValue(u.ResourceId, out var r) && r.Kind != ResourceKind.Room)
                    .Select(u => $"{resources[u.ResourceId].Name} {Describe(u)}")
                    .ToList(),
            };
        }

        private DayFlags Flags(Domain.Referrals.Referral referral, DateOnly date)
        {
            var questionnaire = QuestionnaireInput.FromJson(referral.QuestionnaireJson);
            var anticoagulant = questionnaire.TakesAnticoagulant == true
                ? (string.IsNullOrWhiteSpace(questionnaire.Anticoagulant) ? "yes" : questionnaire.Anticoagulant.Trim())
                : null;
            var staleness = referral.StalenessOn(date, criteria);
            return new DayFlags(
                referral.OvernightBedLikely,
                referral.PremedicationNeeded,
                anticoagulant,
                staleness.LabsMustBeRepeated,
                staleness.ImagingMustBeRepeated,
                questionnaire.LiverTransplant == true);
        }

        /// <summary>
        /// The day and the booking ids shown (ids only, never names), as far as the details column
        /// holds them; every id is on the line's records shown.
        /// </summary>
        private static string Details(DateOnly date, IReadOnlyList<Guid> bookingIds) =>
            $"Day list {date:yyyy-MM-dd}: {bookingIds.Count} bookings" + (bookingIds.Count == 0 ? "" : ": " + string.Join(",", bookingIds.Select(id => id.ToString("N"))));
    }
}
