using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Availability;
using Scheduling.Domain.Common;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Messaging;
using Scheduling.Domain.Referrals;
using Scheduling.Domain.Slots;

namespace Scheduling.Application.Features.Bookings;

/// <summary>
/// What the "book this referral" page needs: who the patient is and what to watch for, the next
/// bookable slots (filtered by room, date and physician) with the ones passed over and why, and the
/// rooms and IR physicians to filter by.
/// </summary>
public static class GetBookingOptions
{
    /// <param name="PhysicianId">Only slots this IR physician can take (they will perform it); null to assign fairly.</param>
    public sealed record Query(Guid ReferralId, Guid? RoomId = null, DateOnly? From = null, Guid? PhysicianId = null) : IQuery<Result<Options>>, IAuditedQuery;

    public sealed record Options(
        ReferralSummary Referral,
        IReadOnlyList<FindFreeSlots.FreeSlot> FreeSlots,
        IReadOnlyList<RoomChoice> Rooms,
        DateOnly EarliestBookableDate)
    {
        public IReadOnlyList<FindFreeSlots.NotOffered> NotOffered { get; init; } = [];

        public IReadOnlyList<PhysicianChoice> Physicians { get; init; } = [];
    }

    public sealed record RoomChoice(Guid Id, string Name);

    public sealed class Handler(
        IApplicationDbContext db,
        IAuditLog auditLog,
        ICurrentUser user,
        CapacitySnapshots snapshots,
        ClinicTime clinicTime,
        SlotPolicy policy,
        EligibilityCriteria criteria,
        TimeProvider clock) : IQueryHandler<Query, Result<Options>>
    {
        public async ValueTask<Result<Options>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!BookingRules.MayManageBookings(user))
            {
                return Error.NotFound();
            }

            var referral = await db.Referrals.AsNoTracking().SingleOrDefaultAsync(r => r.Id == query.ReferralId, cancellationToken);
            if (referral is null)
            {
                return Error.NotFound("The referral was not found.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var today = clinicTime.LocalDate(now);
            var earliest = policy.EarliestBookableLocalDate(today);
            var free = await FindFreeSlots.ListAsync(
                db, snapshots, clinicTime, policy, now, new FindFreeSlots.Query(query.RoomId, query.From, PhysicianId: query.PhysicianId), cancellationToken);
            var slots = free.Slots;
            var rooms = await db.Rooms.AsNoTracking().Where(r => r.IsActive).OrderBy(r => r.Name)
                .Select(r => new RoomChoice(r.Id, r.Name)).ToListAsync(cancellationToken);

            auditLog.RecordView(nameof(Referral), referral.Id, "Booking page");

            // Staleness is judged against the earliest day it could happen; the booking page shows it again for the chosen day.
            return new Options(ReferralSummary.From(referral, clinicTime, criteria, slots.FirstOrDefault(s => !s.InsideLeadTime) is { } first ? DateOnly.FromDateTime(first.LocalStart) : earliest, now),
                slots, rooms, earliest)
            {
                NotOffered = free.NotOffered,
                Physicians = await PhysicianChoice.ListAsync(db, cancellationToken),
            };
        }
    }
}

/// <summary>An IR physician a scheduler may ask for (active ones, by name).</summary>
public sealed record PhysicianChoice(Guid Id, string Name)
{
    internal static async Task<IReadOnlyList<PhysicianChoice>> ListAsync(IApplicationDbContext db, CancellationToken cancellationToken) =>
        await db.Resources.AsNoTracking()
            .Where(r => r.Kind == Domain.Capacity.ResourceKind.Physician && r.IsActive)
            .OrderBy(r => r.Name)
            .Select(r => new PhysicianChoice(r.Id, r.Name))
            .ToListAsync(cancellationToken);
}

/// <summary>The referral as a scheduler needs it to book: name, urgency, the questionnaire's flags.</summary>
public sealed record ReferralSummary(
    Guid Id,
    string PatientName,
    DateOnly PatientDateOfBirth,
    Urgency Urgency,
    ReferralStatus Status,
    string Diagnosis,
    string PracticeName,
    bool OvernightBedLikely,
    bool PremedicationNeeded,
    bool LabsMustBeRepeated,
    bool ImagingMustBeRepeated,
    int? DaysWaiting)
{
    public bool IsReadyToSchedule => Status == ReferralStatus.ReadyToSchedule;

    public string PatientPhone { get; init; } = string.Empty;

    public string PatientEmail { get; init; } = string.Empty;

    public string? MedicalRecordNumber { get; init; }

    /// <summary>One of <see cref="PatientLanguages.Choices"/>.</summary>
    public string PreferredLanguage { get; init; } = PatientLanguages.English;

    /// <summary>The language an interpreter must speak, for a patient whose language the clinic does not write in.</summary>
    public string? InterpreterLanguage { get; init; }

    public bool NeedsInterpreter => PatientLanguages.NeedsInterpreter(PreferredLanguage);

    /// <summary>E.164, when the patient has a mobile number.</summary>
    public string? PatientMobile { get; init; }

    public bool TextConsent { get; init; }

    internal static ReferralSummary From(Referral referral, ClinicTime clinicTime, EligibilityCriteria criteria, DateOnly plannedDate, DateTime nowUtc)
    {
        var staleness = referral.StalenessOn(plannedDate, criteria);
        int? waiting = referral.ReadyToScheduleSinceUtc is { } since
            ? clinicTime.LocalDate(nowUtc).DayNumber - clinicTime.LocalDate(since).DayNumber
            : null;
        return new ReferralSummary(
            referral.Id,
            $"{referral.PatientFirstName} {referral.PatientLastName}",
            referral.PatientDateOfBirth,
            referral.Urgency ?? Domain.Referrals.Urgency.Routine,
            referral.Status,
            referral.Diagnosis,
            referral.PracticeName,
            referral.OvernightBedLikely,
            referral.PremedicationNeeded,
            staleness.LabsMustBeRepeated,
            staleness.ImagingMustBeRepeated,
            waiting)
        {
            PatientPhone = referral.PatientPhone,
            PatientEmail = referral.PatientEmail,
            MedicalRecordNumber = referral.MedicalRecordNumber,
            PreferredLanguage = referral.PreferredLanguage,
            InterpreterLanguage = referral.InterpreterLanguage,
            PatientMobile = referral.PatientMobile,
            TextConsent = referral.TextConsent,
        };
    }
}
