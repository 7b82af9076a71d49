using FluentValidation;

using Mediator;

using Microsoft.Extensions.Logging;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Common;

namespace Scheduling.Application.Features.Confirmation;

/// <summary>The patient confirms through their link, after ticking the pre-procedure checklist.</summary>
public static class ConfirmAppointment
{
    /// <summary>The timeline line that resolves an earlier "not confirmed in time".</summary>
    public const string ConfirmedAfterReminderKind = "ConfirmedAfterReminder";

    public sealed record Command(string? Token, bool DriverArranged, bool FastingUnderstood, bool MedicinesListReady)
        : ICommand<Result<ConfirmOutcome>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.DriverArranged).Equal(true)
                .WithMessage("Please arrange for a responsible adult to drive you home, then tick this box.");
            RuleFor(c => c.FastingUnderstood).Equal(true)
                .WithMessage("Please read the eating and drinking instructions, then tick this box.");
            RuleFor(c => c.MedicinesListReady).Equal(true)
                .WithMessage("Please prepare a list of all your medicines to bring, then tick this box.");
        }
    }

    public sealed class Handler(
        IApplicationDbContext db,
        IBookingNotifications notifications,
        IAuditLog audit,
        ClinicTime clinicTime,
        TimeProvider clock,
        ILogger<Handler> logger) : ICommandHandler<Command, Result<ConfirmOutcome>>
    {
        public async ValueTask<Result<ConfirmOutcome>> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (await PatientLinks.OpenAsync(db, clinicTime, command.Token, now, logger, cancellationToken) is not { } opened)
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
            if (await PatientLinks.SaveAsync(db, "Please open the link from your latest email.", cancellationToken) is { } changed)
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
