using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Languages;
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
    DateTime LocalArrival,
    ClinicTime ClinicTime)
{
    /// <summary>Staff wording (timelines, the doctor's letter): the clinic's culture.</summary>
    public string Date => ClinicFormats.PatientDate(LocalStart);

    /// <summary>The procedure's time in the clinic's one clock style.</summary>
    public string Time => ClinicTime.Time(LocalStart);

    public string Location => string.IsNullOrWhiteSpace(Room.Location) ? Room.Name : $"{Room.Name}, {Room.Location}";

    /// <summary>The language the patient reads (theirs, or English when they need an interpreter).</summary>
    public string Language => Referral.TextLanguage;

    /// <summary>Date, time and arrival as the patient reads them: in their language and its culture.</summary>
    public PatientWhen When(PatientTexts texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var language = Language;
        var arrival = texts.Time(language, LocalArrival);
        return new PatientWhen(
            language,
            texts.Date(language, LocalStart),
            texts.Day(language, LocalStart),
            texts.Time(language, LocalStart),
            LocalArrival.Date == LocalStart.Date ? arrival : texts.Format(language, "Arrival.OnDay", arrival, texts.Day(language, LocalArrival)));
    }

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
        return new Appointment(booking, referral, slot, room, clinicTime.ToLocal(slot.StartUtc), clinicTime.ToLocal(policy.ArrivalUtc(slot.StartUtc)), clinicTime);
    }

    /// <summary>
    /// The calendar entry for this appointment as it stands: from the arrival to the end of the
    /// procedure, tentative until the patient confirms, its SEQUENCE the booking's
    /// <see cref="Booking.CalendarSequence"/>, its words in the patient's language. The booking email
    /// attaches it; the patient's page offers it.
    /// </summary>
    public AppointmentInvite CalendarInvite(ClinicOptions clinic, AppointmentPolicy policy, PatientTexts texts)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        ArgumentNullException.ThrowIfNull(policy);
        var status = Booking.Status switch
        {
            BookingStatus.Cancelled => CalendarStatus.Cancelled,
            BookingStatus.Confirmed => CalendarStatus.Confirmed,
            _ => CalendarStatus.Tentative,
        };
        var when = When(texts);
        return new AppointmentInvite(
            Booking.Id,
            Booking.CalendarSequence,
            policy.ArrivalUtc(Slot.StartUtc),
            Slot.EndUtc,
            clinic.TimeZone,
            texts.Format(Language, "Ics.Summary", texts.Time(Language, LocalArrival)),
            $"{clinic.Name}, {Location}, {clinic.Address.ReplaceLineEndings(", ")}",
            status == CalendarStatus.Cancelled
                ? texts.Format(Language, "Ics.CancelledDescription", clinic.Phone)
                : texts.Format(Language, "Ics.Description", when.Arrival, when.Time, clinic.Phone),
            status,
            texts[Language, "Ics.Alarm"]);
    }

    /// <summary>
    /// What the patient must redo before the day: labs and imaging older than the criteria's windows
    /// (counted back from the procedure date) never block a booking, but the patient is told.
    /// </summary>
    public string RepeatTestsNote(EligibilityCriteria criteria, PatientTexts texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var staleness = Referral.StalenessOn(DateOnly.FromDateTime(LocalStart), criteria);
        return (staleness.LabsMustBeRepeated, staleness.ImagingMustBeRepeated) switch
        {
            (true, true) => texts[Language, "RepeatTests.Both"],
            (true, false) => texts[Language, "RepeatTests.Labs"],
            (false, true) => texts[Language, "RepeatTests.Imaging"],
            _ => string.Empty,
        };
    }

    /// <summary>The preparation texts as the clinic has written them (admin-editable templates), in the patient's language.</summary>
    public async Task<PreparationTexts> PreparationAsync(IApplicationDbContext db, EligibilityCriteria criteria, PatientTexts texts, CancellationToken cancellationToken)
    {
        var checklist = await FragmentAsync(db, texts, MessageKinds.PreparationChecklist, cancellationToken);
        var premedication = Referral.PremedicationNeeded
            ? await FragmentAsync(db, texts, MessageKinds.PremedicationInstructions, cancellationToken)
            : string.Empty;
        var description = await FragmentAsync(db, texts, MessageKinds.ProcedureDescription, cancellationToken);
        var goingHome = await FragmentAsync(db, texts, GoingHomeKind(Referral), cancellationToken);
        var transplant = ForTransplant(Referral)
            ? await FragmentAsync(db, texts, MessageKinds.TransplantBridge, cancellationToken)
            : string.Empty;
        return new PreparationTexts(checklist, premedication, RepeatTestsNote(criteria, texts))
        {
            ProcedureDescription = description,
            GoingHome = goingHome,
            TransplantBridge = transplant,
        };
    }

    private async Task<string> FragmentAsync(IApplicationDbContext db, PatientTexts texts, string kind, CancellationToken cancellationToken) =>
        (await EffectiveTemplates.GetAsync(db, texts, kind, Language, cancellationToken))?.Body.Trim() ?? string.Empty;

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

/// <summary>An appointment's date and times in the words of the patient's language (<see cref="Appointment.When"/>).</summary>
/// <param name="Day">The date without the year, for texts.</param>
/// <param name="Arrival">The arrival time, with its day when that is the day before (a night-time DST change in between).</param>
public sealed record PatientWhen(string Language, string Date, string Day, string Time, string Arrival);
