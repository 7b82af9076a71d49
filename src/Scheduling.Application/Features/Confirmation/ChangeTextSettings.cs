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
/// The patient, on their appointment page, changes the mobile number texts go to or turns texts on or
/// off. It goes on the referral's timeline and the audit log; a number that replied STOP stays stopped
/// until it replies START (the page says so), since the provider would refuse the texts anyway.
/// </summary>
public static class ChangeTextSettings
{
    public sealed record Command(string? Token, string? Mobile, bool Consent, string Language = PatientLanguages.English) : ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(PatientTexts texts)
        {
            RuleFor(c => c.Mobile)
                .Must(m => string.IsNullOrWhiteSpace(m) || MobileNumbers.Normalize(m) is not null)
                .WithMessage(c => texts[c.Language, "Texts.Error.Mobile"]);
            RuleFor(c => c.Mobile)
                .Must((c, m) => !c.Consent || !string.IsNullOrWhiteSpace(m))
                .WithMessage(c => texts[c.Language, "Texts.Error.MobileNeeded"]);
        }
    }

    public sealed class Handler(
        IApplicationDbContext db,
        IAuditLog audit,
        PatientTexts texts,
        TextingPolicy texting,
        ClinicTime clinicTime,
        AppointmentPolicy appointments,
        TimeProvider clock,
        ILogger<Handler> logger) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (!texting.Enabled || await PatientLinks.OpenAsync(db, clinicTime, appointments, command.Token, now, logger, cancellationToken) is not { } opened)
            {
                return Error.NotFound();
            }

            var referral = opened.Appointment.Referral;
            if (!referral.ChangeTextSettings(MobileNumbers.Normalize(command.Mobile), command.Consent, now))
            {
                return Result.Success();
            }

            audit.Record("TextSettingsChangedByPatient", "Booking", opened.Appointment.Booking.Id, command.Consent ? "Texts on." : "Texts off.");
            return await PatientLinks.SaveAsync(db, texts, opened.Appointment.Language, "Conflict.OpenLatestLink", cancellationToken) is { } changed
                ? changed
                : Result.Success();
        }
    }
}
