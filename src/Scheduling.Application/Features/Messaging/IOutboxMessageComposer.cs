using Scheduling.Domain.Messaging;

namespace Scheduling.Application.Features.Messaging;

/// <summary>
/// Builds the email for one kind of outbox message from the current records. Returns a skip reason
/// instead of a message when the message no longer applies (booking cancelled, rescheduled, past).
/// </summary>
public interface IOutboxMessageComposer
{
    IReadOnlyCollection<string> Kinds { get; }

    Task<ComposeResult> ComposeAsync(OutboxMessage message, string messageId, CancellationToken cancellationToken);
}

public sealed record ComposeResult(EmailMessage? Email, string? SkipReason)
{
    public static ComposeResult Send(EmailMessage email) => new(email, null);

    public static ComposeResult Skip(string reason) => new(null, reason);
}
