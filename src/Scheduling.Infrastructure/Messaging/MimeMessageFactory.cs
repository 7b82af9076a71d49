using MimeKit;

using Scheduling.Application.Features.Messaging;


namespace Scheduling.Infrastructure.Messaging;

internal static class MimeMessageFactory
{
    public static MimeMessage Create(EmailMessage message, EmailOptions options)
    {
        var mime = new MimeMessage
        {
            MessageId = message.MessageId,
            Subject = message.Subject,
        };
        mime.From.Add(new MailboxAddress(message.FromName ?? options.FromName, message.FromAddress ?? options.FromAddress));
        mime.To.Add(new MailboxAddress(message.ToName ?? string.Empty, message.ToAddress));

        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        foreach (var attachment in message.Attachments)
        {
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        }

        mime.Body = body.ToMessageBody();

        // The reader's language (RFC 3282), so mail programs offer the right spell checker and voice.
        // A Content-* header belongs to the body entity, not the message's own headers.
        mime.Body.Headers.Add(HeaderId.ContentLanguage, message.Language);
        return mime;
    }
}
