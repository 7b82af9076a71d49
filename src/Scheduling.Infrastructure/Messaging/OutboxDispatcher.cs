using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Features.Messaging;
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
}

/// <summary>
/// Sends one outbox message. The claim is a single conditional UPDATE, so of any number of workers
/// (jobs enqueued twice, several instances, the sweeper) exactly one sends; a claim that outlives its
/// timeout (the worker died) is taken over. Delivery is at least once: a crash between the SMTP
/// accept and the "sent" mark sends again with the same Message-ID, which receivers can recognise.
/// </summary>
public sealed partial class OutboxDispatcher(
    ApplicationDbContext db,
    IEmailSender sender,
    IEnumerable<IOutboxMessageComposer> composers,
    IAuditLog audit,
    IOptions<EmailOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger)
{
    public async Task<DispatchOutcome> DispatchAsync(Guid outboxMessageId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var claimUntil = now.AddSeconds(settings.ClaimTimeoutSeconds);
        var claimed = await db.OutboxMessages
            .Where(m => m.Id == outboxMessageId
                && ((m.Status == OutboxStatus.Pending && m.NextAttemptAtUtc <= now)
                    || (m.Status == OutboxStatus.Sending && m.ClaimedUntilUtc < now)))
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(m => m.Status, OutboxStatus.Sending)
                    .SetProperty(m => m.ClaimedUntilUtc, claimUntil)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1),
                cancellationToken);
        if (claimed == 0)
        {
            return DispatchOutcome.NotClaimed;
        }

        var message = await db.OutboxMessages.SingleAsync(m => m.Id == outboxMessageId, cancellationToken);
        var composer = composers.FirstOrDefault(c => c.Kinds.Contains(message.Kind));
        try
        {
            if (composer is null)
            {
                throw new InvalidOperationException($"No composer handles outbox messages of kind '{message.Kind}'.");
            }

            var composed = await composer.ComposeAsync(message, MessageIdFor(message.Id, settings), cancellationToken);
            if (composed.Email is null)
            {
                message.MarkSkipped(composed.SkipReason ?? "No longer applies.", clock.GetUtcNow().UtcDateTime);
                await db.SaveChangesAsync(CancellationToken.None);
                LogSkipped(logger, message.Id, message.Kind);
                return DispatchOutcome.Skipped;
            }

            var sentId = await sender.SendAsync(composed.Email, cancellationToken);

            // From here on the message is out: record it even if the job is being cancelled.
            message.MarkSent(sentId, clock.GetUtcNow().UtcDateTime);
            audit.Record("EmailSent", "OutboxMessage", message.Id, $"{message.Kind} for {message.SubjectId}");
            await db.SaveChangesAsync(CancellationToken.None);
            LogSent(logger, message.Id, message.Kind, message.Attempts);
            return DispatchOutcome.Sent;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Only the exception type is kept: SMTP errors can echo addresses back.
            message.MarkAttemptFailed(ex.GetType().Name, clock.GetUtcNow().UtcDateTime, settings.RetryDelays);
            await db.SaveChangesAsync(CancellationToken.None);
            if (message.Status == OutboxStatus.Failed)
            {
                LogGaveUp(logger, ex.GetType().Name, message.Id, message.Kind, message.Attempts);
                return DispatchOutcome.Failed;
            }

            LogWillRetry(logger, ex.GetType().Name, message.Id, message.Kind, message.Attempts, message.NextAttemptAtUtc);
            return DispatchOutcome.WillRetry;
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
