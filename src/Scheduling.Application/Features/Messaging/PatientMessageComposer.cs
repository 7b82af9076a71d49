using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Display;
using Scheduling.Application.Features.Confirmation;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Messaging;

namespace Scheduling.Application.Features.Messaging;

/// <summary>
/// The patient's emails: booked and rescheduled (with the .ics and a fresh appointment link), the
/// 72 h and 24 h reminders, and the cancellation. Composed from the current records when sent, so
/// a message the booking has outgrown (moved, cancelled, past) is skipped, not sent stale. Only first
/// name, date, time, place and instructions: never the diagnosis.
/// </summary>
public sealed class PatientMessageComposer(
    IApplicationDbContext db,
    ClinicOptions clinic,
    ClinicTime clinicTime,
    AppointmentPolicy appointments,
    EligibilityCriteria criteria,
    ICalendarFiles calendarFiles,
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
        // A new link per email, bound to this booking version and expiring at the procedure start.
        var link = cancelled ? string.Empty : clinic.PublicUrl("/p/" + context.LinkToken);
        var preparation = await appointment.PreparationAsync(db, criteria, cancellationToken);
        var values = new Dictionary<string, string>
        {
            ["PatientFirstName"] = appointment.Referral.PatientFirstName,
            ["ProcedureDate"] = appointment.Date,
            ["ProcedureTime"] = appointment.Time,
            ["ArrivalTime"] = appointment.ArrivalDescription,
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
            ["TimeUntil"] = TimeUntil(clinicTime, appointment.Slot.StartUtc, now),
        };

        var template = await EffectiveTemplates.GetAsync(db, message.Kind, cancellationToken)
            ?? throw new InvalidOperationException($"No template for message kind '{message.Kind}'.");
        var rendered = RenderedMessage.From(template, values, cancelled ? [] : ["ConfirmationLink"], EmailFrame.ForPatient(clinic));

        var attachments = message.Kind is MessageKinds.PatientBooked or MessageKinds.PatientRescheduled or MessageKinds.PatientCancelled
            ? new[] { CalendarFile(appointment, cancelled) }
            : [];
        var referral = appointment.Referral;
        return ComposeResult.Send(new EmailMessage(
            referral.PatientEmail,
            // First name only, even in the header: mailboxes are often shared or read on lock screens.
            referral.PatientFirstName,
            rendered.Subject,
            rendered.Text,
            rendered.Html,
            context.MessageId,
            attachments),
            cancelled ? null : new PatientLinkIssued(appointment.Booking.Id, appointment.Booking.Sequence, appointment.Slot.StartUtc));
    }

    /// <summary>Why this message must not go out any more, or null when it still applies.</summary>
    /// <summary>"today", "tomorrow", "in 3 days": calendar days in clinic time, as a patient counts them.</summary>
    public static string TimeUntil(ClinicTime clinicTime, DateTime startUtc, DateTime nowUtc)
    {
        var days = clinicTime.LocalDate(startUtc).DayNumber - clinicTime.LocalDate(nowUtc).DayNumber;
        return days switch
        {
            <= 0 => "today",
            1 => "tomorrow",
            _ => $"in {days} days",
        };
    }

    public static string? SkipReason(OutboxMessage message, Booking booking, IReadOnlyList<TimeSpan> reminders, DateTime slotStartUtc, DateTime nowUtc)
    {
        if (message.Kind == MessageKinds.PatientCancelled)
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

    private EmailAttachment CalendarFile(Appointment appointment, bool cancelled)
    {
        var bytes = calendarFiles.Build(appointment.CalendarInvite(clinic, appointments));
        return new EmailAttachment("appointment.ics", cancelled ? "text/calendar; method=CANCEL" : "text/calendar; method=PUBLISH", bytes);
    }
}
