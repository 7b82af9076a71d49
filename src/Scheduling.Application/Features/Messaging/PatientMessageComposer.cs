using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Display;
using Scheduling.Application.Common.Languages;
using Scheduling.Application.Features.Confirmation;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Messaging;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Messaging;

/// <summary>
/// The patient's emails: booked and rescheduled (with the .ics and a fresh appointment link), the
/// reminders at the times the clinic sets, and the cancellation. Composed from the current records when sent, so
/// a message the booking has outgrown (moved, cancelled, past) is skipped, not sent stale. Only first
/// name, date, time, place and instructions: never the diagnosis. Written in the patient's language
/// (<see cref="Referral.TextLanguage"/>) and its culture, whatever culture the job runs in: subject,
/// body, the calendar entry, the line that an interpreter will call (for a patient whose language the
/// clinic does not write in) and the notice of free language help.
/// </summary>
public sealed class PatientMessageComposer(
    IApplicationDbContext db,
    ClinicOptions clinic,
    ClinicTime clinicTime,
    AppointmentPolicy appointments,
    EligibilityCriteria criteria,
    ICalendarFiles calendarFiles,
    PatientTexts texts,
    TimeProvider clock) : IOutboxMessageComposer
{
    public IReadOnlyCollection<string> Kinds { get; } =
    [
        MessageKinds.PatientBooked, MessageKinds.PatientRescheduled, MessageKinds.PatientReminder, MessageKinds.PatientCancelled,
    ];

    public async Task<ComposeResult> ComposeAsync(OutboxMessage message, ComposeContext context, CancellationToken cancellationToken)
    {
        var appointment = await Appointment.LoadAsync(db, clinicTime, appointments, message.SubjectId, cancellationToken);
        if (appointment is null)
        {
            return ComposeResult.Skip("The booking no longer exists.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (SkipReason(message, appointment.Booking, appointments.Reminders, appointment.Slot.StartUtc, now) is { } reason)
        {
            return ComposeResult.Skip(reason);
        }

        if (string.IsNullOrWhiteSpace(appointment.Referral.PatientEmail))
        {
            return ComposeResult.Skip("The patient has no email address.");
        }

        var cancelled = message.Kind == MessageKinds.PatientCancelled;
        var language = appointment.Language;
        var when = appointment.When(texts);

        // A new link per email, bound to this booking version and expiring at the procedure start.
        var link = cancelled ? string.Empty : clinic.PublicUrl("/p/" + context.LinkToken);
        var preparation = await appointment.PreparationAsync(db, criteria, texts, cancellationToken);
        var values = new Dictionary<string, string>
        {
            ["PatientFirstName"] = appointment.Referral.PatientFirstName,
            ["ProcedureDate"] = when.Date,
            ["ProcedureTime"] = when.Time,
            ["ArrivalTime"] = when.Arrival,
            ["Location"] = appointment.Location,
            ["ClinicName"] = clinic.Name,
            ["ClinicPhone"] = clinic.Phone,
            ["ClinicAddress"] = clinic.Address,
            ["ConfirmationLink"] = link,
            ["PreparationChecklist"] = preparation.Checklist,
            ["PremedicationInstructions"] = preparation.Premedication,
            ["RepeatTests"] = preparation.RepeatTests,
            ["ProcedureDescription"] = preparation.ProcedureDescription,
            ["GoingHome"] = preparation.GoingHome,
            ["TransplantBridge"] = preparation.TransplantBridge,
            ["TimeUntil"] = EffectiveTemplates.TimeUntil(texts, language, DaysUntil(clinicTime, appointment.Slot.StartUtc, now)),
        };

        var template = await EffectiveTemplates.GetAsync(db, texts, message.Kind, language, cancellationToken)
            ?? throw new InvalidOperationException($"No template for message kind '{message.Kind}'.");
        var rendered = RenderedMessage.From(
            WithPatientLines(template, appointment.Referral, texts, clinic), values, cancelled ? [] : ["ConfirmationLink"], EmailFrame.ForPatient(clinic, texts, template.Language));

        var attachments = message.Kind is MessageKinds.PatientBooked or MessageKinds.PatientRescheduled or MessageKinds.PatientCancelled
            ? new[] { CalendarFile(appointment, cancelled) }
            : [];
        var referral = appointment.Referral;
        var email = new EmailMessage(
            referral.PatientEmail,
            // First name only, even in the header: mailboxes are often shared or read on lock screens.
            referral.PatientFirstName,
            rendered.Subject,
            rendered.Text,
            rendered.Html,
            context.MessageId,
            attachments)
        {
            Language = template.Language,
        };
        return ComposeResult.Send(email, cancelled ? null : new PatientLinkIssued(appointment.Booking.Id, appointment.Booking.Sequence, appointment.Slot.StartUtc));
    }

    /// <summary>Calendar days from now to the procedure in clinic time, as a patient counts them (0 today, 1 tomorrow).</summary>
    public static int DaysUntil(ClinicTime clinicTime, DateTime startUtc, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(clinicTime);
        return clinicTime.LocalDate(startUtc).DayNumber - clinicTime.LocalDate(nowUtc).DayNumber;
    }

    /// <summary>Why this message must not go out any more, or null when it still applies (emails and texts alike).</summary>
    public static string? SkipReason(OutboxMessage message, Booking booking, IReadOnlyList<TimeSpan> reminders, DateTime slotStartUtc, DateTime nowUtc)
    {
        if (message.Kind is MessageKinds.PatientCancelled or MessageKinds.PatientCancelledText)
        {
            return booking.Status == BookingStatus.Cancelled ? null : "The booking is not cancelled (any more).";
        }

        if (booking.Sequence != message.SubjectVersion)
        {
            return "The booking has moved to another time since this message was queued.";
        }

        if (!booking.IsActive)
        {
            return $"The booking is {DisplayNames.InSentence(booking.Status)}.";
        }

        if (slotStartUtc <= nowUtc)
        {
            return "The procedure time has passed.";
        }

        // A reminder the clinic no longer sends, or one delayed past a later reminder's time (outage).
        return PatientReminders.SkipReason(message.Kind, reminders, slotStartUtc, nowUtc);
    }

    /// <summary>
    /// What every patient email says whatever the clinic wrote in the template: first, for a patient
    /// who needs an interpreter, that one will call (in plain English, the texts' language); last, the
    /// notice of free language help (HHS Section 1557), in the patient's language.
    /// </summary>
    public static EffectiveTemplate WithPatientLines(EffectiveTemplate template, Referral referral, PatientTexts texts, ClinicOptions clinic)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(clinic);
        var body = template.Body.Trim();
        if (referral.NeedsInterpreter)
        {
            body = texts[PatientLanguages.English, "Interpreter.Line"] + "\n\n" + body;
        }

        var notice = texts.Format(template.Language, "Notice.LanguageAssistance", clinic.Phone);
        return template with { Body = body + "\n\n" + Escape(notice) };
    }

    /// <summary>A fixed text put into a template must not be read as placeholders.</summary>
    private static string Escape(string text) => text.Replace("{{", "{ {", StringComparison.Ordinal);

    private EmailAttachment CalendarFile(Appointment appointment, bool cancelled)
    {
        var bytes = calendarFiles.Build(appointment.CalendarInvite(clinic, appointments, texts));
        // The bytes are UTF-8: a calendar program told nothing else reads "Llámenos" as "LlÃ¡menos".
        return new EmailAttachment("appointment.ics", cancelled ? "text/calendar; charset=utf-8; method=CANCEL" : "text/calendar; charset=utf-8; method=PUBLISH", bytes);
    }
}
