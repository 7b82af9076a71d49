using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Confirmation;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Messaging;

namespace Scheduling.Application.Features.Messaging;

/// <summary>
/// Turns the token from a patient's link into the appointment it opens. Every refusal (unknown,
/// malformed, expired, used up, for an older booking version, booking no longer active) looks the
/// same to the caller, so the link page cannot be used to probe which tokens once existed; the
/// reason is logged for staff, without the token.
/// </summary>
public static partial class PatientLinks
{
    /// <summary>Who acts through a patient link, in audit lines.</summary>
    public const string Actor = "patient link";

    public sealed record Opened(PatientLinkToken Token, Appointment Appointment);

    /// <summary>
    /// Saves what the patient did. If the clinic changed the booking meanwhile (its concurrency token
    /// moved), the patient is told so and what to do next, and nothing of theirs is kept.
    /// </summary>
    public static Task<Error?> SaveAsync(IApplicationDbContext db, string whatToDoNext, CancellationToken cancellationToken) =>
        db.SaveOrConflictAsync($"Your appointment was changed by the clinic a moment ago. {whatToDoNext}", cancellationToken);

    public static async Task<Opened?> OpenAsync(
        IApplicationDbContext db, ClinicTime clinicTime, AppointmentPolicy policy, string? token, DateTime nowUtc, ILogger logger, CancellationToken cancellationToken)
    {
        if (PatientLinkTokens.HashOf(token) is not { } hash)
        {
            LogRefused(logger, "malformed", null);
            return null;
        }

        var link = await db.PatientLinkTokens.SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (link is null)
        {
            LogRefused(logger, "unknown", null);
            return null;
        }

        if (!link.IsUsable(nowUtc))
        {
            LogRefused(logger, link.UsedUpAtUtc is null ? "expired" : "used up", link.BookingId);
            return null;
        }

        var appointment = await Appointment.LoadAsync(db, clinicTime, policy, link.BookingId, cancellationToken);
        if (appointment is null || appointment.Booking.Sequence != link.BookingVersion)
        {
            LogRefused(logger, "for an older booking version", link.BookingId);
            return null;
        }

        if (!appointment.Booking.IsActive)
        {
            LogRefused(logger, $"booking {appointment.Booking.Status}", link.BookingId);
            return null;
        }

        return new Opened(link, appointment);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Patient link refused ({Reason}) for booking {BookingId}")]
    private static partial void LogRefused(ILogger logger, string reason, Guid? bookingId);
}
