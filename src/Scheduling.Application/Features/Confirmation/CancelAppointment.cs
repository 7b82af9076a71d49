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

/// <summary>
/// The patient cancels through their link: the slot is free at once (unlike a reschedule request),
/// the referral goes back to the scheduling queue, patient and doctor are told, and the link is used up.
/// </summary>
public static class CancelAppointment
{
    public const string DefaultReason = "Cancelled by the patient through the appointment link.";

    /// <param name="Language">The patient's language (of the page the form was on): the language of the messages.</param>
    public sealed record Command(string? Token, string? Reason, string Language = PatientLanguages.English) : ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(PatientTexts texts) =>
            RuleFor(c => c.Reason).MaximumLength(Booking.ReasonMaxLength)
                .WithMessage(c => texts.Format(c.Language, "Cancel.Error.ReasonTooLong", Booking.ReasonMaxLength));
    }

    public sealed class Handler(
        IApplicationDbContext db,
        IBookingNotifications notifications,
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

            var appointment = opened.Appointment;
            var booking = appointment.Booking;
            var reason = string.IsNullOrWhiteSpace(command.Reason) ? DefaultReason : $"Patient: {command.Reason.Trim()}";
            booking.Cancel(appointment.Referral, reason, byPatient: true,
                $"The patient cancelled the appointment on {appointment.Date} at {appointment.Time}; the slot is free again.", actor: null, now);
            notifications.Cancelled(booking);
            opened.Token.UseUp(now);
            audit.Record("CancelledByPatient", "Booking", booking.Id, "Cancelled through the patient link.");
            if (await PatientLinks.SaveAsync(db, texts, appointment.Language, "Conflict.CallToCancel", cancellationToken) is { } changed)
            {
                return changed;
            }

            return Result.Success();
        }
    }
}
