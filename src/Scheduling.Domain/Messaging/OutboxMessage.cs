using System.Linq.Expressions;

namespace Scheduling.Domain.Messaging;

public enum OutboxStatus
{
    /// <summary>Waiting to be sent (first try or a retry after NextAttemptAtUtc).</summary>
    Pending,

    /// <summary>Claimed by one worker until ClaimedUntilUtc; an expired claim is taken over.</summary>
    Sending,

    Sent,

    /// <summary>Every attempt failed; shown to schedulers and admins, never dropped silently.</summary>
    Failed,

    /// <summary>No longer relevant when its turn came (e.g. a reminder for a cancelled booking).</summary>
    Skipped,
}

/// <summary>
/// One message (an email or a text) the application has decided to send, written in the same
/// transaction as the change that caused it. It holds no content: the message is composed from the
/// current records when sent, so the row carries no patient data beyond ids, and a message made
/// obsolete by a later change is skipped. (Kind, SubjectId, SubjectVersion) is unique, so the same
/// decision can never queue two messages. Email and text go through the same claim, retries and
/// "needs attention"; the kind decides the channel.
/// </summary>
public sealed class OutboxMessage
{
    public const int KindMaxLength = 64;
    public const int ErrorMaxLength = 500;
    public const int MessageIdMaxLength = 200;
    public const int DeliveryStatusMaxLength = 20;

    private OutboxMessage()
    {
        Kind = string.Empty;
    }

    public Guid Id { get; private init; }

    /// <summary>What to send, e.g. "PatientConfirmationRequest"; picks the composer and the template.</summary>
    public string Kind { get; private init; }

    /// <summary>The record the message is about (a booking) and its version when the message was decided.</summary>
    public Guid SubjectId { get; private init; }

    public int SubjectVersion { get; private init; }

    /// <summary>Email or text, from the kind (<see cref="MessageKinds.ChannelOf"/>); stored for the lists that tell them apart.</summary>
    public MessageChannel Channel { get; private init; }

    public DateTime CreatedAtUtc { get; private init; }

    /// <summary>
    /// When it should first have gone out: at once, or a reminder's time. Retries move NextAttemptAtUtc,
    /// never this, so how long a message has waited is known (<see cref="IsDelayedExpr"/>). An admin's
    /// retry of a failed message starts the wait again.
    /// </summary>
    public DateTime DueAtUtc { get; private set; }

    public OutboxStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public DateTime NextAttemptAtUtc { get; private set; }

    public DateTime? ClaimedUntilUtc { get; private set; }

    public DateTime? SentAtUtc { get; private set; }

    /// <summary>
    /// What the transport knows the message by: the email's Message-ID header (derived from Id, so a
    /// resend after a crash is recognisable), or the text provider's message id.
    /// </summary>
    public string? SentMessageId { get; private set; }

    /// <summary>A text's last delivery receipt from the provider ("delivered", "undelivered"...); null for email.</summary>
    public string? DeliveryStatus { get; private set; }

    /// <summary>Type of the last failure and the server's reply code; never message content.</summary>
    public string? LastError { get; private set; }

    public static OutboxMessage Create(string kind, Guid subjectId, int subjectVersion, DateTime nowUtc, DateTime? notBeforeUtc = null) => new()
    {
        Id = Guid.CreateVersion7(),
        Kind = kind,
        SubjectId = subjectId,
        SubjectVersion = subjectVersion,
        Channel = MessageKinds.ChannelOf(kind),
        CreatedAtUtc = nowUtc,
        Status = OutboxStatus.Pending,
        NextAttemptAtUtc = notBeforeUtc is { } later && later > nowUtc ? later : nowUtc,
        DueAtUtc = notBeforeUtc is { } due && due > nowUtc ? due : nowUtc,
    };

    /// <summary>
    /// Not delivered yet (still being tried) although it was due before <paramref name="dueBeforeUtc"/>:
    /// the mail server is refusing or unreachable, or nothing is sending. Failed-for-good messages are
    /// listed on their own. Emails only: a text held back for the night (quiet hours) is not late.
    /// </summary>
    public static Expression<Func<OutboxMessage, bool>> IsDelayedExpr(DateTime dueBeforeUtc) =>
        m => m.Channel == MessageChannel.Email
            && (m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Sending) && m.DueAtUtc < dueBeforeUtc;

    /// <summary>
    /// At least one attempt failed and it is not delivered yet: waiting for its next try, or being tried
    /// again (a claim counts as an attempt; only a failure puts a tried message back to Pending).
    /// </summary>
    public static readonly Expression<Func<OutboxMessage, bool>> IsRetryingExpr =
        m => (m.Status == OutboxStatus.Pending && m.Attempts > 0) || (m.Status == OutboxStatus.Sending && m.Attempts > 1);

    public void MarkSent(string messageId, DateTime nowUtc)
    {
        Status = OutboxStatus.Sent;
        SentMessageId = messageId;
        SentAtUtc = nowUtc;
        ClaimedUntilUtc = null;
        LastError = null;
    }

    public void MarkSkipped(string reason, DateTime nowUtc)
    {
        Status = OutboxStatus.Skipped;
        LastError = Truncate(reason);
        SentAtUtc = nowUtc;
        ClaimedUntilUtc = null;
    }

    /// <summary>Back to Pending with a later attempt time, or Failed once the attempts are used up.</summary>
    public void MarkAttemptFailed(string error, DateTime nowUtc, IReadOnlyList<TimeSpan> backoff)
    {
        LastError = Truncate(error);
        ClaimedUntilUtc = null;
        if (Attempts >= backoff.Count + 1)
        {
            Status = OutboxStatus.Failed;
            return;
        }

        Status = OutboxStatus.Pending;
        NextAttemptAtUtc = nowUtc + backoff[Math.Max(0, Attempts - 1)];
    }

    /// <summary>A refusal that no retry can change (the provider says the number cannot get texts): failed at once.</summary>
    public void MarkFailedForGood(string error)
    {
        LastError = Truncate(error);
        ClaimedUntilUtc = null;
        Status = OutboxStatus.Failed;
    }

    /// <summary>
    /// Claimed at a moment it must not go out (a text in quiet hours): back to Pending until
    /// <paramref name="untilUtc"/>, and the claim does not count as an attempt.
    /// </summary>
    public void Postpone(DateTime untilUtc)
    {
        if (Status != OutboxStatus.Sending)
        {
            return;
        }

        Status = OutboxStatus.Pending;
        ClaimedUntilUtc = null;
        Attempts = Math.Max(0, Attempts - 1);
        NextAttemptAtUtc = untilUtc;
    }

    /// <summary>
    /// The provider's delivery receipt for a sent text. A text the carrier could not deliver goes to
    /// "needs attention" like any failed message (staff call the patient, or retry).
    /// </summary>
    public void RecordDelivery(string status, string? errorCode)
    {
        if (Status != OutboxStatus.Sent)
        {
            return;
        }

        DeliveryStatus = status.Length <= DeliveryStatusMaxLength ? status : status[..DeliveryStatusMaxLength];
        if (status is "undelivered" or "failed")
        {
            Status = OutboxStatus.Failed;
            LastError = Truncate(string.IsNullOrEmpty(errorCode) ? $"Not delivered ({status})" : $"Not delivered ({status}, error {errorCode})");
        }
    }

    /// <summary>An admin asks for a failed message to be tried again from scratch.</summary>
    public void Retry(DateTime nowUtc)
    {
        if (Status != OutboxStatus.Failed)
        {
            return;
        }

        Status = OutboxStatus.Pending;
        Attempts = 0;
        DeliveryStatus = null;
        NextAttemptAtUtc = nowUtc;
        DueAtUtc = nowUtc;
    }

    private static string Truncate(string value) => value.Length <= ErrorMaxLength ? value : value[..ErrorMaxLength];
}
