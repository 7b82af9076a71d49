namespace Scheduling.Application.Features.Messaging;

/// <summary>Hands a message to SMTP (or, without SMTP configured, to the pickup folder).</summary>
public interface IEmailSender
{
    /// <summary>Returns the Message-ID that was sent.</summary>
    Task<string> SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
