using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Features.Messaging;
using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Messaging;
using Scheduling.Domain.Referrals;
using Scheduling.Domain.Rooms;
using Scheduling.Domain.Slots;

namespace Scheduling.Application.Features.Confirmation;

/// <summary>A booking with everything a message or the patient page says about it, in clinic time.</summary>
public sealed record Appointment(
    Booking Booking,
    Referral Referral,
    Slot Slot,
    Room Room,
    DateTime LocalStart,
    DateTime LocalArrival)
{
    public string Date => ClinicFormats.PatientDate(LocalStart);

    public string Time => ClinicFormats.PatientTime(LocalStart);

    public string ArrivalTime => ClinicFormats.PatientTime(LocalArrival);

    /// <summary>Arrival is the clinic's lead before the procedure's instant (real time), so a DST night in between is handled.</summary>
    public string ArrivalDescription => LocalArrival.Date == LocalStart.Date ? ArrivalTime : $"{ArrivalTime} on {ClinicFormats.PatientDay(LocalArrival)}";

    public string Location => string.IsNullOrWhiteSpace(Room.Location) ? Room.Name : $"{Room.Name}, {Room.Location}";

    public static async Task<Appointment?> LoadAsync(
        IApplicationDbContext db, ClinicTime clinicTime, AppointmentPolicy policy, Guid bookingId, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        if (booking is null)
        {
            return null;
        }

        var referral = await db.Referrals.SingleAsync(r => r.Id == booking.ReferralId, cancellationToken);
        var slot = await db.Slots.SingleAsync(s => s.Id == booking.SlotId, cancellationToken);
        var room = await db.Rooms.AsNoTracking().SingleAsync(r => r.Id == slot.RoomId, cancellationToken);
        return new Appointment(booking, referral, slot, room, clinicTime.ToLocal(slot.StartUtc), clinicTime.ToLocal(policy.ArrivalUtc(slot.StartUtc)));
    }

    /// <summary>
    /// The calendar entry for this appointment as it stands: from the arrival to the end of the
    /// procedure, tentative until the patient confirms, its SEQUENCE the booking's
    /// <see cref="Booking.CalendarSequence"/>. The booking email attaches it; the patient's page offers it.
    /// </summary>
    public AppointmentInvite CalendarInvite(ClinicOptions clinic, AppointmentPolicy policy)
    {
        var status = Booking.Status switch
        {
            BookingStatus.Cancelled => CalendarStatus.Cancelled,
            BookingStatus.Confirmed => CalendarStatus.Confirmed,
            _ => CalendarStatus.Tentative,
        };
        return new AppointmentInvite(
            Booking.Id,
            Booking.CalendarSequence,
            policy.ArrivalUtc(Slot.StartUtc),
            Slot.EndUtc,
            clinic.TimeZone,
            $"{EmailTexts.CalendarSummary} {ArrivalTime}",
            $"{clinic.Name}, {Location}, {clinic.Address.ReplaceLineEndings(", ")}",
            status == CalendarStatus.Cancelled ? EmailTexts.CalendarCancelled(clinic.Phone) : EmailTexts.CalendarDescription(ArrivalDescription, Time, clinic.Phone),
            status,
            EmailTexts.CalendarAlarm);
    }

    /// <summary>
    /// What the patient must redo before the day: labs and imaging older than the criteria's windows
    /// (counted back from the procedure date) never block a booking, but the patient is told.
    /// </summary>
    public string RepeatTestsNote(EligibilityCriteria criteria)
    {
        var staleness = Referral.StalenessOn(DateOnly.FromDateTime(LocalStart), criteria);
        return (staleness.LabsMustBeRepeated, staleness.ImagingMustBeRepeated) switch
        {
            (true, true) => "Your blood tests and your scan must be repeated before the procedure: the team will tell you where and when.",
            (true, false) => "Your blood tests must be repeated before the procedure: the team will tell you where and when.",
            (false, true) => "Your scan (CT or MRI) must be repeated before the procedure: the team will tell you where and when.",
            _ => string.Empty,
        };
    }

    /// <summary>The preparation texts as the clinic has written them (admin-editable templates).</summary>
    public async Task<PreparationTexts> PreparationAsync(IApplicationDbContext db, EligibilityCriteria criteria, CancellationToken cancellationToken)
    {
        var checklist = await EffectiveTemplates.GetAsync(db, MessageKinds.PreparationChecklist, cancellationToken);
        var premedication = Referral.PremedicationNeeded
            ? (await EffectiveTemplates.GetAsync(db, MessageKinds.PremedicationInstructions, cancellationToken))?.Body ?? string.Empty
            : string.Empty;
        var description = await EffectiveTemplates.GetAsync(db, MessageKinds.ProcedureDescription, cancellationToken);
        var goingHome = await EffectiveTemplates.GetAsync(db, GoingHomeKind(Referral), cancellationToken);
        var transplant = ForTransplant(Referral)
            ? (await EffectiveTemplates.GetAsync(db, MessageKinds.TransplantBridge, cancellationToken))?.Body.Trim() ?? string.Empty
            : string.Empty;
        return new PreparationTexts(checklist?.Body ?? string.Empty, premedication, RepeatTestsNote(criteria))
        {
            ProcedureDescription = description?.Body.Trim() ?? string.Empty,
            GoingHome = goingHome?.Body.Trim() ?? string.Empty,
            TransplantBridge = transplant,
        };
    }

    /// <summary>Criterion 19 answered yes: listed for, being assessed for, or after a liver transplant.</summary>
    public static bool ForTransplant(Referral referral) => QuestionnaireInput.FromJson(referral.QuestionnaireJson).LiverTransplant == true;

    /// <summary>
    /// The questionnaire's same-day discharge screen (criterion 20) flags the referral "overnight bed
    /// likely", as the scheduling queue and booking show it; that patient is told about the night
    /// instead of being promised the same day.
    /// </summary>
    public static string GoingHomeKind(Referral referral) =>
        referral.OvernightBedLikely ? MessageKinds.GoingHomeOvernight : MessageKinds.GoingHomeSameDay;
}
