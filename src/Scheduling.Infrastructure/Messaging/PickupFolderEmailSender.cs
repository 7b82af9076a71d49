using Microsoft.Extensions.Options;

using MimeKit;

using Scheduling.Application.Features.Messaging;

namespace Scheduling.Infrastructure.Messaging;

/// <summary>
/// Embedded default: writes each message as an .eml file (named after its Message-ID, so a resend
/// overwrites rather than duplicates) for a person trying the app to open.
/// </summary>
internal sealed class PickupFolderEmailSender(IOptions<EmailOptions> options, MailPickupFolder folder) : IEmailSender
{
    /// <summary>
    /// CRLF line ends, as on the wire (SMTP) and in every .eml reader: MimeKit's default on Linux is LF,
    /// which left the calendar file's lines ending in a bare LF (RFC 5545 requires CRLF).
    /// </summary>
    private static readonly FormatOptions AsOnTheWire = CreateFormat();

    public async Task<string> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        using var mime = MimeMessageFactory.Create(message, options.Value);
        Directory.CreateDirectory(folder.Path);
        var target = System.IO.Path.Combine(folder.Path, MailPickupFolder.FileNameFor(message.MessageId));
        var temporary = target + ".tmp";
        await using (var stream = File.Create(temporary))
        {
            await mime.WriteToAsync(AsOnTheWire, stream, cancellationToken);
        }

        // Readers never see a half-written file.
        File.Move(temporary, target, overwrite: true);
        return message.MessageId;
    }

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
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
