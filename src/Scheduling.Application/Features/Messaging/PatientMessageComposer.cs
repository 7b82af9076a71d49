using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
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
    EligibilityCriteria criteria,
    ICalendarFiles calendarFiles,
    TimeProvider clock) : IOutboxMessageComposer
{
    private const string CalendarSummary = "Hospital appointment";

    public IReadOnlyCollection<string> Kinds { get; } =
    [
        MessageKinds.PatientBooked, MessageKinds.PatientRescheduled, .. PatientReminders.Kinds, MessageKinds.PatientCancelled,
    ];

    public async Task<ComposeResult> ComposeAsync(OutboxMessage message, string messageId, CancellationToken cancellationToken)
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
        var link = cancelled ? string.Empty : await NewLinkAsync(appointment, now, cancellationToken);
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
        };

        var template = await EffectiveTemplates.GetAsync(db, message.Kind, cancellationToken)
            ?? throw new InvalidOperationException($"No template for message kind '{message.Kind}'.");
        var rendered = RenderedMessage.From(template, values, ["ConfirmationLink"]);

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
            messageId,
            attachments));
    }

    /// <summary>Why this message must not go out any more, or null when it still applies.</summary>
    public static string? SkipReason(OutboxMessage message, Booking booking, DateTime slotStartUtc, DateTime nowUtc)
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
    /// A new link per email, bound to this booking version and expiring at the procedure start. It is
    /// saved before the email leaves, so the link in a delivered email always exists even if the
    /// worker dies before it records the send.
    /// </summary>
    private async Task<string> NewLinkAsync(Appointment appointment, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var (token, hash) = PatientLinkTokens.NewToken();
        db.PatientLinkTokens.Add(PatientLinkToken.Create(hash, appointment.Booking.Id, appointment.Booking.Sequence, nowUtc, appointment.Slot.StartUtc));
        await db.SaveChangesAsync(cancellationToken);
        return clinic.PublicUrl("/p/" + token);
    }

    private EmailAttachment CalendarFile(Appointment appointment, bool cancelled)
    {
        var description = cancelled
            ? $"This appointment is cancelled. Questions: {clinic.Phone}."
            : $"Please arrive at {appointment.ArrivalDescription}. Questions: {clinic.Phone}.";
        var bytes = calendarFiles.Build(new AppointmentInvite(
            appointment.Booking.Id,
            appointment.Booking.Sequence,
            appointment.Slot.StartUtc,
            appointment.Slot.EndUtc,
            clinic.TimeZone,
            CalendarSummary,
            $"{clinic.Name}, {appointment.Location}",
            description,
            cancelled));
        return new EmailAttachment("appointment.ics", cancelled ? "text/calendar; method=CANCEL" : "text/calendar; method=PUBLISH", bytes);
    }
}
