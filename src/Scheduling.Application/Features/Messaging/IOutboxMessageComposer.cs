using Scheduling.Domain.Messaging;

namespace Scheduling.Application.Features.Messaging;

/// <summary>
/// Builds the email or text for one kind of outbox message from the current records. Returns a skip reason
/// instead of a message when the message no longer applies (booking cancelled, rescheduled, past).
/// A composer only reads and renders, it never writes: an email that carries a link puts the token
/// it is given in the link and says which link it is (<see cref="ComposeResult.Link"/>); the
/// dispatcher saves that link's hash, in its own unit of work, before the email leaves.
/// </summary>
public interface IOutboxMessageComposer
{
    IReadOnlyCollection<string> Kinds { get; }

    Task<ComposeResult> ComposeAsync(OutboxMessage message, ComposeContext context, CancellationToken cancellationToken);
}

/// <param name="MessageId">The email's Message-ID header, the same for every attempt at one outbox row.</param>
/// <param name="LinkToken">
/// A fresh random token, new for each attempt, for the link this email carries (if it carries one).
/// Only its hash is ever stored, and only when the result names the link.
/// </param>
public sealed record ComposeContext(string MessageId, string LinkToken);

/// <param name="Link">The link whose token the message carries, or null when it carries none.</param>
public sealed record ComposeResult(EmailMessage? Email, string? SkipReason, IssuedLink? Link = null)
{
    /// <summary>A text message instead of an email (the kind's channel is SMS).</summary>
    public TextMessage? Text { get; init; }

    public static ComposeResult Send(EmailMessage email, IssuedLink? link = null) => new(email, null, link);

    public static ComposeResult SendText(TextMessage text, IssuedLink? link = null) => new(null, null, link) { Text = text };

    public static ComposeResult Skip(string reason) => new(null, reason);
}

/// <summary>A link an email carries with the <see cref="ComposeContext.LinkToken"/>; saved before the email leaves.</summary>
public abstract record IssuedLink;

/// <summary>A new patient link for one booking version, expiring at the procedure start.</summary>
public sealed record PatientLinkIssued(Guid BookingId, int BookingVersion, DateTime ExpiresAtUtc) : IssuedLink;

/// <summary>The token of an existing account link (invitation, reset): a resend replaces the older copy's.</summary>
public sealed record AccountLinkIssued(Guid AccountLinkId) : IssuedLink;
