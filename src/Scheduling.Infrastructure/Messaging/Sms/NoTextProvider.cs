using Scheduling.Application.Features.Messaging;

namespace Scheduling.Infrastructure.Messaging.Sms;

/// <summary>Sms:Provider is None: no text is queued, so nothing should ever get here.</summary>
internal sealed class NoTextProvider : ITextMessageSender
{
    public Task<string> SendAsync(TextMessage message, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("No text provider is set up (Sms:Provider is None).");
}
