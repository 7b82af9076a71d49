using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Languages;
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
    /// moved), the patient is told so, in their language, and what to do next (<paramref name="whatToDoNextKey"/>,
    /// a patient text), and nothing of theirs is kept.
    /// </summary>
    public static Task<Error?> SaveAsync(IApplicationDbContext db, PatientTexts texts, string language, string whatToDoNextKey, CancellationToken cancellationToken) =>
        db.SaveOrConflictAsync($"{texts[language, "Conflict.ChangedByClinic"]} {texts[language, whatToDoNextKey]}", cancellationToken);

    /// <summary>
    /// The language of the patient a link was sent to, for the pages that answer it, including the one
    /// saying it no longer works: the link may be expired, used or replaced, as long as it was ours.
    /// Null for a token that never existed (that page is then shown in every patient language).
    /// </summary>
    public static async Task<string?> LanguageOfAsync(IApplicationDbContext db, string? token, CancellationToken cancellationToken)
    {
        if (PatientLinkTokens.HashOf(token) is not { } hash)
        {
            return null;
        }

        var language = await (from link in db.PatientLinkTokens
                              join booking in db.Bookings on link.BookingId equals booking.Id
                              join referral in db.Referrals on booking.ReferralId equals referral.Id
                              where link.TokenHash == hash
                              select referral.PreferredLanguage).FirstOrDefaultAsync(cancellationToken);
        return language is null ? null : PatientLanguages.TextLanguageOf(language);
    }

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
