using Scheduling.Domain.Common;

namespace Scheduling.Domain.Referrals;

/// <summary>
/// A report or image a referring doctor attaches to a referral (pathology, imaging report, labs).
/// The bytes live in the database with the referral, so they are covered by the same backups,
/// transactions and per-record authorization, and never sit in a web-served folder.
/// </summary>
public sealed class ReferralAttachment : Entity
{
    public const int MaxBytes = 10 * 1024 * 1024;
    public const int MaxPerReferral = 5;
    public const int FileNameMaxLength = 200;
    public const int ContentTypeMaxLength = 50;

    private ReferralAttachment()
    {
        FileName = ContentType = UploadedByUserId = string.Empty;
        Content = [];
    }

    public Guid ReferralId { get; private init; }

    /// <summary>The name shown for download; sanitized, never used as a path.</summary>
    public string FileName { get; private init; }

    /// <summary>Detected from the bytes, never taken from the browser or the extension.</summary>
    public string ContentType { get; private init; }

    public long SizeBytes { get; private init; }

    public byte[] Content { get; private init; }

    public DateTime UploadedAtUtc { get; private init; }

    public string UploadedByUserId { get; private init; }

    /// <summary>Creates the attachment only for content that really is PDF, JPEG or PNG within the size limit.</summary>
    public static ReferralAttachment Create(Guid referralId, string fileName, byte[] content, DateTime nowUtc, string uploadedByUserId)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length is 0 or > MaxBytes)
        {
            throw new DomainException($"An attachment must be between 1 byte and {MaxBytes} bytes.");
        }

        var contentType = AttachmentContent.Detect(content)
            ?? throw new DomainException("Only PDF, JPEG and PNG content can be attached.");

        return new ReferralAttachment
        {
            ReferralId = referralId,
            FileName = AttachmentContent.SafeFileName(fileName, contentType),
            ContentType = contentType,
            SizeBytes = content.Length,
            Content = content,
            UploadedAtUtc = nowUtc,
            UploadedByUserId = uploadedByUserId,
        };
    }
}

/// <summary>Recognises the accepted file types by their leading bytes ("magic numbers").</summary>
public static class AttachmentContent
{
    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The content type the bytes really are, or null when they are none of PDF, JPEG or PNG.</summary>
    public static string? Detect(ReadOnlySpan<byte> head) =>
        head.StartsWith(PdfMagic) ? Pdf
        : head.StartsWith(PngMagic) ? Png
        : head.StartsWith(JpegMagic) ? Jpeg
        : null;

    /// <summary>
    /// Keeps only the last path segment and harmless characters, and makes the extension match the
    /// detected type, so a download can never be opened as something other than what was checked.
    /// </summary>
    public static string SafeFileName(string? fileName, string contentType)
    {
        var name = Path.GetFileNameWithoutExtension((fileName ?? string.Empty).Replace('\\', '/').Split('/')[^1]);
        var cleaned = new string(name.Where(c => char.IsLetterOrDigit(c) || c is '-' or '_' or ' ' or '.').ToArray()).Trim();
        if (cleaned.Length == 0)
        {
            cleaned = "attachment";
        }

        var extension = contentType switch
        {
            Pdf => ".pdf",
            Png => ".png",
            _ => ".jpg",
        };
        var max = ReferralAttachment.FileNameMaxLength - extension.Length;
        return (cleaned.Length > max ? cleaned[..max] : cleaned) + extension;
    }
}
