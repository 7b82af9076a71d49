using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
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
/// 72 h and 24 h reminders, and the cancellation. Composed from the current records when sent, so
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
    EligibilityCriteria criteria,
    ICalendarFiles calendarFiles,
    PatientTexts texts,
    TimeProvider clock) : IOutboxMessageComposer
{
    public IReadOnlyCollection<string> Kinds { get; } =
    [
        MessageKinds.PatientBooked, MessageKinds.PatientRescheduled, .. PatientReminders.Kinds, MessageKinds.PatientCancelled,
    ];

    public async Task<ComposeResult> ComposeAsync(OutboxMessage message, ComposeContext context, CancellationToken cancellationToken)
    {
        var appointment = await Appointment.LoadAsync(db, clinicTime, message.SubjectId, cancellationToken);
        if (appointment is null)
        {
            return ComposeResult.Skip("The booking no longer exists.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (SkipReason(message, appointment.Booking, appointment.Slot.StartUtc, now) is { } reason)
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
        };

        var template = await EffectiveTemplates.GetAsync(db, texts, message.Kind, language, cancellationToken)
            ?? throw new InvalidOperationException($"No template for message kind '{message.Kind}'.");
        var rendered = RenderedMessage.From(WithPatientLines(template, appointment.Referral, texts, clinic), values, ["ConfirmationLink"]);

        var attachments = message.Kind is MessageKinds.PatientBooked or MessageKinds.PatientRescheduled or MessageKinds.PatientCancelled
            ? new[] { CalendarFile(appointment, when, cancelled) }
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

    /// <summary>Why this message must not go out any more, or null when it still applies (emails and texts alike).</summary>
    public static string? SkipReason(OutboxMessage message, Booking booking, DateTime slotStartUtc, DateTime nowUtc)
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
            return $"The booking is {booking.Status}.";
        }

        if (slotStartUtc <= nowUtc)
        {
            return "The procedure time has passed.";
        }

        // A 72 h reminder delayed past the 24 h mark (outage) would only repeat the one due now.
        if (PatientReminders.SupersededBy(message.Kind, slotStartUtc, nowUtc) is { } later)
        {
            return $"The {(int)later.Before.TotalHours}-hour reminder supersedes this one.";
        }

        return null;
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

    private EmailAttachment CalendarFile(Appointment appointment, PatientWhen when, bool cancelled)
    {
        var language = appointment.Language;
        var description = cancelled
            ? texts.Format(language, "Ics.CancelledDescription", clinic.Phone)
            : texts.Format(language, "Ics.Description", when.Arrival, clinic.Phone);
        var invite = new AppointmentInvite(
            appointment.Booking.Id,
            appointment.Booking.Sequence,
            appointment.Slot.StartUtc,
            appointment.Slot.EndUtc,
            clinic.TimeZone,
            texts[language, "Ics.Summary"],
            $"{clinic.Name}, {appointment.Location}",
            description,
            cancelled)
        {
            Language = language,
        };
        var bytes = calendarFiles.Build(invite);
        // The bytes are UTF-8: a calendar program told nothing else reads "Llámenos" as "LlÃ¡menos".
        return new EmailAttachment("appointment.ics", cancelled ? "text/calendar; charset=utf-8; method=CANCEL" : "text/calendar; charset=utf-8; method=PUBLISH", bytes);
    }
}
