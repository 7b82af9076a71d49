using MailKit.Net.Smtp;
using MailKit.Security;

using Microsoft.Extensions.Options;

using Scheduling.Application.Features.Messaging;


namespace Scheduling.Infrastructure.Messaging;

/// <summary>MailKit over SMTP; a new connection per message keeps failure handling simple at clinic volumes.</summary>
internal sealed class SmtpEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    public async Task<string> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var smtp = settings.Smtp;
        using var mime = MimeMessageFactory.Create(message, settings);
        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };

        var security = !smtp.UseTls ? SecureSocketOptions.None
            : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.StartTls;
        await client.ConnectAsync(smtp.Host!, smtp.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        return message.MessageId;
    }
}
