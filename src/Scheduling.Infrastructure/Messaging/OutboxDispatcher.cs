using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Common;
using Scheduling.Domain.Messaging;
using Scheduling.Infrastructure.Persistence;

namespace Scheduling.Infrastructure.Messaging;

public enum DispatchOutcome
{
    /// <summary>Another worker holds it, it is not yet due, or it is already done.</summary>
    NotClaimed,
    Sent,
    Skipped,
    WillRetry,
    Failed,

    /// <summary>A text claimed in quiet hours: back in the queue until the morning, no attempt counted.</summary>
    Postponed,
}

/// <summary>
/// Sends one outbox message, an email or a text. The claim is a single conditional UPDATE, so of any
/// number of workers (jobs enqueued twice, several instances, the sweeper) exactly one sends; a claim
/// that outlives its timeout (the worker died) is taken over. Delivery is at least once: a crash
/// between the transport's accept and the "sent" mark sends again (an email with the same Message-ID,
/// which receivers can recognise; a text as a second text, since SMS has no such id), so a crash
/// duplicates at most the messages that were in flight at that moment, one per busy worker.
/// Composers only read and render; this dispatcher owns every write of a send: the claim, the link
/// the email carries (minted here and saved before the email leaves, so the link in a delivered email
/// always exists even if the worker dies before it records the send), and the outcome.
/// </summary>
public sealed partial class OutboxDispatcher(
    ApplicationDbContext db,
    IEmailSender sender,
    ITextMessageSender textSender,
    IEnumerable<IOutboxMessageComposer> composers,
    IAuditLog audit,
    IOptions<EmailOptions> options,
    EmailOptions current,
    ClinicOptions clinic,
    TextingPolicy texting,
    ClinicTime clinicTime,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger)
{
    public async Task<DispatchOutcome> DispatchAsync(Guid outboxMessageId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var claimUntil = now.AddSeconds(settings.ClaimTimeoutSeconds);
        var claimed = await ClaimAsync(outboxMessageId, now, claimUntil, cancellationToken);

        if (claimed == 0)
        {
            return DispatchOutcome.NotClaimed;
        }

        var message = await db.OutboxMessages.SingleAsync(m => m.Id == outboxMessageId, cancellationToken);

        // A text that falls due in quiet hours (a retry, a sweep after an outage) waits for the morning.
        if (message.Channel == MessageChannel.Sms && texting.NextSendTimeUtc(now, clinicTime) is var morning && morning > now)
        {
            message.Postpone(morning);
            await SaveAsync(CancellationToken.None);
            return DispatchOutcome.Postponed;
        }

        var composer = composers.FirstOrDefault(c => c.Kinds.Contains(MessageKinds.TemplateKind(message.Kind)));
        try
        {
            if (composer is null)
            {
                throw new InvalidOperationException($"No composer handles outbox messages of kind '{message.Kind}'.");
            }

            var (linkToken, linkHash) = PatientLinkTokens.NewToken();
            var composed = await composer.ComposeAsync(message, new ComposeContext(MessageIdFor(message.Id, settings), linkToken), cancellationToken);
            if (composed.Email is null && composed.Text is null)
            {
                message.MarkSkipped(composed.SkipReason ?? "No longer applies.", clock.GetUtcNow().UtcDateTime);
                await SaveAsync(CancellationToken.None);
                LogSkipped(logger, message.Id, message.Kind);
                return DispatchOutcome.Skipped;
            }

            if (composed.Link is { } link)
            {
                await SaveLinkAsync(link, linkHash, cancellationToken);
            }

            // An email goes from the sender as the clinic has it now (its settings page), the clinic's
            // name when no name is set.
            var sentId = composed.Email is { } email
                ? await sender.SendAsync(
                    email with
                    {
                        FromName = string.IsNullOrWhiteSpace(current.FromName) ? clinic.Name : current.FromName,
                        FromAddress = current.FromAddress,
                    },
                    cancellationToken)
                : await textSender.SendAsync(composed.Text!, cancellationToken);

            // From here on the message is out: record it even if the job is being cancelled.
            message.MarkSent(sentId, clock.GetUtcNow().UtcDateTime);
            audit.Record(composed.Email is null ? "TextSent" : "EmailSent", "OutboxMessage", message.Id, $"{message.Kind} for {message.SubjectId}");
            await SaveAsync(CancellationToken.None);
            LogSent(logger, message.Id, message.Kind, message.Attempts);
            return DispatchOutcome.Sent;
        }
        catch (TextRefusedException refused) when (refused.Permanent)
        {
            // No retry can change it (an invalid number, a number that opted out with the provider).
            message.MarkFailedForGood($"{nameof(TextRefusedException)} {refused.Code}");
            if (refused.RecipientOptedOut)
            {
                await RecordProviderOptOutAsync(message, cancellationToken);
            }

            await SaveAsync(CancellationToken.None);
            LogGaveUp(logger, $"{nameof(TextRefusedException)} {refused.Code}", message.Id, message.Kind, message.Attempts);
            return DispatchOutcome.Failed;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Only the exception type (and a provider's error code) is kept: SMTP errors can echo addresses back.
            var error = ex is TextRefusedException refused ? $"{nameof(TextRefusedException)} {refused.Code}" : ex.GetType().Name;
            message.MarkAttemptFailed(error, clock.GetUtcNow().UtcDateTime, settings.RetryDelays);
            await SaveAsync(CancellationToken.None);
            if (message.Status == OutboxStatus.Failed)
            {
                LogGaveUp(logger, error, message.Id, message.Kind, message.Attempts);
                return DispatchOutcome.Failed;
            }

            LogWillRetry(logger, error, message.Id, message.Kind, message.Attempts, message.NextAttemptAtUtc);
            return DispatchOutcome.WillRetry;
        }
    }

    /// <summary>The claim: one conditional UPDATE, so of any number of workers exactly one wins.</summary>
    private Task<int> ClaimAsync(Guid outboxMessageId, DateTime now, DateTime claimUntil, CancellationToken cancellationToken) =>
        db.OutboxMessages
            .Where(m => m.Id == outboxMessageId
                && ((m.Status == OutboxStatus.Pending && m.NextAttemptAtUtc <= now)
                    || (m.Status == OutboxStatus.Sending && m.ClaimedUntilUtc < now)))
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(m => m.Status, OutboxStatus.Sending)
                    .SetProperty(m => m.ClaimedUntilUtc, claimUntil)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1),
                cancellationToken);

    /// <summary>Every write of a send queues at SQLite's write gate like a command's transaction (the context takes its turn).</summary>
    private Task SaveAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    /// <summary>Stores the hash of the token the composed email carries, before the email leaves.</summary>
    private async Task SaveLinkAsync(IssuedLink link, byte[] tokenHash, CancellationToken cancellationToken)
    {
        switch (link)
        {
            case PatientLinkIssued patient:
                db.PatientLinkTokens.Add(PatientLinkToken.Create(
                    tokenHash, patient.BookingId, patient.BookingVersion, clock.GetUtcNow().UtcDateTime, patient.ExpiresAtUtc));
                break;
            case AccountLinkIssued account:
                (await db.AccountLinks.SingleAsync(l => l.Id == account.AccountLinkId, cancellationToken)).IssueToken(tokenHash);
                break;
            default:
                throw new InvalidOperationException($"Unknown kind of link: {link.GetType().Name}.");
        }

        await SaveAsync(cancellationToken);
    }

    /// <summary>
    /// The provider already treats the number as opted out (a STOP that reached it but not us): record
    /// it, so the next texts are skipped here instead of refused there, and staff see it.
    /// </summary>
    private async Task RecordProviderOptOutAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var mobile = await (from booking in db.Bookings
                            join referral in db.Referrals on booking.ReferralId equals referral.Id
                            where booking.Id == message.SubjectId
                            select referral.PatientMobile).SingleOrDefaultAsync(cancellationToken);
        if (mobile is not null && !await db.TextOptOuts.AnyAsync(o => o.PhoneNumber == mobile, cancellationToken))
        {
            db.TextOptOuts.Add(TextOptOut.Create(mobile, "PROVIDER", clock.GetUtcNow().UtcDateTime));
            audit.Record("TextOptOutRecorded", "OutboxMessage", message.Id, "The text provider reported the number as opted out.");
        }
    }

    /// <summary>Deterministic Message-ID: the same outbox row always produces the same header.</summary>
    public static string MessageIdFor(Guid outboxMessageId, EmailOptions options) =>
        $"{outboxMessageId:N}@{options.MessageIdDomain}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {OutboxId} ({Kind}) sent on attempt {Attempt}")]
    private static partial void LogSent(ILogger logger, Guid outboxId, string kind, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {OutboxId} ({Kind}) skipped: no longer applies")]
    private static partial void LogSkipped(ILogger logger, Guid outboxId, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {OutboxId} ({Kind}) attempt {Attempt} failed with {ErrorType}; next try at {NextAttemptUtc:u}")]
    private static partial void LogWillRetry(ILogger logger, string errorType, Guid outboxId, string kind, int attempt, DateTime nextAttemptUtc);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {OutboxId} ({Kind}) failed for good after {Attempt} attempts ({ErrorType})")]
    private static partial void LogGaveUp(ILogger logger, string errorType, Guid outboxId, string kind, int attempt);
}
