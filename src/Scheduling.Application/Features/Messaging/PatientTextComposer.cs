using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Languages;
using Scheduling.Application.Features.Confirmation;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Messaging;

namespace Scheduling.Application.Features.Messaging;

/// <summary>
/// The patient's text messages: the confirmation request, "your appointment changed" (new date,
/// cancelled) and the reminders. Like the emails they are composed when sent, in the patient's language
/// and culture, and skipped when they no longer apply; besides, a text goes only to a patient who
/// agreed to texts at a mobile number that has not answered STOP, checked at the moment it is sent, so a
/// STOP stops the very next text. A text names nothing clinical: first name, date, time, place, link.
/// </summary>
public sealed class PatientTextComposer(
    IApplicationDbContext db,
    ClinicOptions clinic,
    ClinicTime clinicTime,
    AppointmentPolicy appointments,
    TextingPolicy texting,
    PatientTexts texts,
    TimeProvider clock) : IOutboxMessageComposer
{
    public IReadOnlyCollection<string> Kinds { get; } =
    [
        MessageKinds.PatientBookedText, MessageKinds.PatientRescheduledText, MessageKinds.PatientReminderText, MessageKinds.PatientCancelledText,
    ];

    public async Task<ComposeResult> ComposeAsync(OutboxMessage message, ComposeContext context, CancellationToken cancellationToken)
    {
        if (!texting.Enabled)
        {
            return ComposeResult.Skip("Text messages are not set up.");
        }

        var appointment = await Appointment.LoadAsync(db, clinicTime, appointments, message.SubjectId, cancellationToken);
        if (appointment is null)
        {
            return ComposeResult.Skip("The booking no longer exists.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (PatientMessageComposer.SkipReason(message, appointment.Booking, appointments.Reminders, appointment.Slot.StartUtc, now) is { } reason)
        {
            return ComposeResult.Skip(reason);
        }

        var referral = appointment.Referral;
        if (!referral.TextConsent || referral.PatientMobile is not { } mobile)
        {
            return ComposeResult.Skip("The patient has not agreed to texts.");
        }

        if (await db.TextOptOuts.AsNoTracking().AnyAsync(o => o.PhoneNumber == mobile, cancellationToken))
        {
            return ComposeResult.Skip("The patient's mobile number answered STOP.");
        }

        var cancelled = message.Kind == MessageKinds.PatientCancelledText;
        var when = appointment.When(texts);
        var values = new Dictionary<string, string>
        {
            ["PatientFirstName"] = referral.PatientFirstName,
            // A text is short: the day without the year.
            ["ProcedureDate"] = when.Day,
            ["ProcedureTime"] = when.Time,
            ["ArrivalTime"] = when.Arrival,
            ["Location"] = appointment.Location,
            ["ClinicName"] = clinic.Name,
            ["ClinicPhone"] = clinic.Phone,
            ["ConfirmationLink"] = cancelled ? string.Empty : clinic.PublicUrl("/p/" + context.LinkToken),
            ["TimeUntil"] = EffectiveTemplates.TimeUntil(texts, appointment.Language, PatientMessageComposer.DaysUntil(clinicTime, appointment.Slot.StartUtc, now)),
        };
        var template = await EffectiveTemplates.GetAsync(db, texts, message.Kind, appointment.Language, cancellationToken)
            ?? throw new InvalidOperationException($"No template for message kind '{message.Kind}'.");
        var body = Body(TemplateText.Render(template.Body, values), template.Language, referral.NeedsInterpreter, texts);
        return ComposeResult.SendText(
            new TextMessage(mobile, body, message.Id),
            cancelled ? null : new PatientLinkIssued(appointment.Booking.Id, appointment.Booking.Sequence, appointment.Slot.StartUtc));
    }

    /// <summary>
    /// One line of text, whatever the template's line breaks: the clinic's words, the interpreter line
    /// when the patient needs one, and how to stop texts (which every text must say).
    /// </summary>
    public static string Body(string rendered, string language, bool needsInterpreter, PatientTexts texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var parts = new List<string> { string.Join(' ', rendered.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) };
        if (needsInterpreter)
        {
            parts.Add(texts[PatientLanguages.English, "Interpreter.Line"]);
        }

        parts.Add(texts[language, "Sms.Footer"]);
        return string.Join(' ', parts);
    }
}
