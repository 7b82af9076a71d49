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

/// <summary>The patient confirms through their link, after ticking the pre-procedure checklist.</summary>
public static class ConfirmAppointment
{
    /// <summary>The timeline line that resolves an earlier "not confirmed in time".</summary>
    public const string ConfirmedAfterReminderKind = "ConfirmedAfterReminder";

    /// <param name="Ticked">One box per item of the clinic's checklist (<see cref="AppointmentPolicy.Checklist"/>), in its order.</param>
    /// <param name="Language">The patient's language (of the page the form was on): the language of the messages.</param>
    public sealed record Command(string? Token, IReadOnlyList<bool>? Ticked, string Language = PatientLanguages.English) : ICommand<Result<ConfirmOutcome>>;

    /// <summary>The message next to an unticked box, in the patient text catalogue.</summary>
    public const string NotTickedKey = "Confirm.Error.NotTicked";

    /// <summary>Every item of the checklist as the clinic has it now must be ticked; each unticked one gets its message.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppointmentPolicy appointments, PatientTexts texts)
        {
            RuleFor(c => c).Custom((command, context) =>
            {
                for (var i = 0; i < appointments.Checklist.Count; i++)
                {
                    if (command.Ticked is not { } ticked || i >= ticked.Count || !ticked[i])
                    {
                        context.AddFailure($"{nameof(Command.Ticked)}[{i}]", texts[command.Language, NotTickedKey]);
                    }
                }
            });
        }
    }

    public sealed class Handler(
        IApplicationDbContext db,
        IBookingNotifications notifications,
        IAuditLog audit,
        PatientTexts texts,
        ClinicTime clinicTime,
        AppointmentPolicy appointments,
        TimeProvider clock,
        ILogger<Handler> logger) : ICommandHandler<Command, Result<ConfirmOutcome>>
    {
        public async ValueTask<Result<ConfirmOutcome>> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (await PatientLinks.OpenAsync(db, clinicTime, appointments, command.Token, now, logger, cancellationToken) is not { } opened)
            {
                return Error.NotFound();
            }

            var (booking, referral) = (opened.Appointment.Booking, opened.Appointment.Referral);
            if (!booking.Confirm(now))
            {
                return ConfirmOutcome.AlreadyConfirmed;
            }

            referral.Note("Confirmed", $"The patient confirmed the appointment on {opened.Appointment.Date} at {opened.Appointment.Time} and the preparation checklist.", now, actor: null);
            if (booking.IsConfirmedAfterEscalation)
            {
                referral.Note(ConfirmedAfterReminderKind, "Confirmed after reminder. Not confirmed in time — resolved.", now, actor: null);
            }

            notifications.Confirmed(booking);
            audit.Record("ConfirmedByPatient", "Booking", booking.Id, "Confirmed through the patient link.");
            if (await PatientLinks.SaveAsync(db, texts, opened.Appointment.Language, "Conflict.OpenLatestLink", cancellationToken) is { } changed)
            {
                return changed;
            }

            return ConfirmOutcome.Confirmed;
        }
    }
}

public enum ConfirmOutcome
{
    Confirmed,
    AlreadyConfirmed,
}
