using Microsoft.Extensions.Options;

using Scheduling.Application.Features.Messaging;


namespace Scheduling.Infrastructure.Messaging;

/// <summary>
/// Embedded default: writes each message as an .eml file (named after its Message-ID, so a resend
/// overwrites rather than duplicates) for a person trying the app to open.
/// </summary>
internal sealed class PickupFolderEmailSender(IOptions<EmailOptions> options, MailPickupFolder folder) : IEmailSender
{
    public async Task<string> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        using var mime = MimeMessageFactory.Create(message, options.Value);
        Directory.CreateDirectory(folder.Path);
        var target = System.IO.Path.Combine(folder.Path, MailPickupFolder.FileNameFor(message.MessageId));
        var temporary = target + ".tmp";
        await using (var stream = File.Create(temporary))
        {
            await mime.WriteToAsync(stream, cancellationToken);
        }

        // Readers never see a half-written file.
        File.Move(temporary, target, overwrite: true);
        return message.MessageId;
    }
}

/// <summary>The resolved pickup folder path (shared by the sender and the Development mail page).</summary>
public sealed class MailPickupFolder(string path)
{
    public string Path { get; } = path;

    public static string FileNameFor(string messageId)
    {
        var safe = new string(messageId.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_').ToArray());
        return safe + ".eml";
    }
}
