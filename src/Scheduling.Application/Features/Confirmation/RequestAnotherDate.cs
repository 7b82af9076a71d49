using Mediator;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Slots;

namespace Scheduling.Application.Features.Confirmation;

/// <summary>
/// The patient asks, through their link, for another date. The slot stays booked until a scheduler
/// acts (the request shows on the "needs attention" list); the link is used up, because what happens
/// next is the clinic's call and comes with a new email.
/// </summary>
public static class RequestAnotherDate
{
    public sealed record Command(string? Token) : ICommand<Result>;

    public sealed class Handler(
        IApplicationDbContext db,
        IAuditLog audit,
        ClinicTime clinicTime,
        TimeProvider clock,
        ILogger<Handler> logger) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (await PatientLinks.OpenAsync(db, clinicTime, command.Token, now, logger, cancellationToken) is not { } opened)
            {
                return Error.NotFound();
            }

            var (booking, referral) = (opened.Appointment.Booking, opened.Appointment.Referral);
            booking.RequestReschedule(now);
            referral.Note("RescheduleRequested", $"The patient asked for another date instead of {opened.Appointment.Date} at {opened.Appointment.Time}.", now, actor: null);
            opened.Token.UseUp(now);
            audit.Record("RescheduleRequestedByPatient", "Booking", booking.Id, "Requested through the patient link.");
            if (await PatientLinks.SaveAsync(db, "Please open the link from your latest email.", cancellationToken) is { } changed)
            {
                return changed;
            }

            return Result.Success();
        }
    }
}
