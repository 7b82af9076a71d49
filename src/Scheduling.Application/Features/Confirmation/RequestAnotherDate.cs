using System.Globalization;

using FluentValidation;

using Mediator;

using Microsoft.Extensions.Logging;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Languages;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Messaging;

namespace Scheduling.Application.Features.Confirmation;

/// <summary>When in the day a patient would rather come.</summary>
public enum PreferredTimeOfDay
{
    Any,
    Morning,
    Afternoon,
}

/// <summary>
/// The patient asks, through their link, for another date, saying which weekdays and which part of
/// the day suit them, with an optional note. The slot stays booked until a scheduler acts (the
/// request and its preferences show on the "needs attention" list); the link is used up, because
/// what happens next is the clinic's call and comes with a new email.
/// </summary>
public static class RequestAnotherDate
{
    public const int NoteMaxLength = 500;

    /// <param name="Language">The patient's language (of the page the form was on): the language of the messages.</param>
    public sealed record Command(
        string? Token, IReadOnlyList<DayOfWeek>? Days = null, PreferredTimeOfDay TimeOfDay = PreferredTimeOfDay.Any, string? Note = null, string Language = PatientLanguages.English)
        : ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(PatientTexts texts)
        {
            RuleForEach(c => c.Days).IsInEnum().WithMessage(c => texts[c.Language, "AnotherDate.Error.Days"]);
            RuleFor(c => c.TimeOfDay).IsInEnum().WithMessage(c => texts[c.Language, "AnotherDate.Error.TimeOfDay"]);
            RuleFor(c => c.Note).MaximumLength(NoteMaxLength).WithMessage(c => texts.Format(c.Language, "AnotherDate.Error.NoteTooLong", NoteMaxLength));
        }
    }

    /// <summary>"Monday, Wednesday · mornings", or "any day · any time" when the patient chose nothing.</summary>
    public static string DescribePreferences(IReadOnlyList<DayOfWeek>? days, PreferredTimeOfDay timeOfDay)
    {
        var names = (days ?? []).Distinct().OrderBy(d => ((int)d + 6) % 7)
            .Select(d => CultureInfo.InvariantCulture.DateTimeFormat.GetDayName(d)).ToList();
        var when = timeOfDay switch
        {
            PreferredTimeOfDay.Morning => "mornings",
            PreferredTimeOfDay.Afternoon => "afternoons",
            _ => "any time",
        };
        return $"{(names.Count == 0 ? "any day" : string.Join(", ", names))} · {when}";
    }

    public sealed class Handler(
        IApplicationDbContext db,
        IAuditLog audit,
        PatientTexts texts,
        ClinicTime clinicTime,
        AppointmentPolicy appointments,
        TimeProvider clock,
        ILogger<Handler> logger) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (await PatientLinks.OpenAsync(db, clinicTime, appointments, command.Token, now, logger, cancellationToken) is not { } opened)
            {
                return Error.NotFound();
            }

            var (booking, referral) = (opened.Appointment.Booking, opened.Appointment.Referral);
            var preferences = DescribePreferences(command.Days, command.TimeOfDay);
            var note = string.IsNullOrWhiteSpace(command.Note) ? preferences : $"{preferences}. Note: {command.Note.Trim()}";
            booking.RequestReschedule(now, note[..Math.Min(note.Length, Booking.ReasonMaxLength)]);

            // The timeline (also read by the referring doctor) gets the days and times; the patient's
            // own note stays with the booking, for the schedulers who call back.
            referral.Note("RescheduleRequested", $"The patient asked for another date instead of {opened.Appointment.Date} at {opened.Appointment.Time}. Suits them: {preferences}.", now, actor: null);
            opened.Token.UseUp(now);
            audit.Record("RescheduleRequestedByPatient", "Booking", booking.Id, "Requested through the patient link.");
            if (await PatientLinks.SaveAsync(db, texts, opened.Appointment.Language, "Conflict.OpenLatestLink", cancellationToken) is { } changed)
            {
                return changed;
            }

            return Result.Success();
        }
    }
}
