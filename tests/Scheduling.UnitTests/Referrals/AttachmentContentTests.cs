using Scheduling.Domain.Common;
using Scheduling.Domain.Referrals;

namespace Scheduling.UnitTests.Referrals;

public sealed class AttachmentContentTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 14, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, AttachmentContent.Pdf)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, AttachmentContent.Png)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0 }, AttachmentContent.Jpeg)]
    public void Detect_RecognisesPdfPngAndJpegByTheirLeadingBytes(byte[] head, string expected) =>
        Assert.Equal(expected, AttachmentContent.Detect(head));

    [Theory]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00 })] // Windows executable ("MZ")
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04 })] // zip / docx
    [InlineData(new byte[] { 0x25, 0x50, 0x44 })] // truncated PDF header
    [InlineData(new byte[] { 0x3C, 0x68, 0x74, 0x6D, 0x6C })] // <html
    [InlineData(new byte[0])]
    public void Detect_RefusesEverythingElse(byte[] head) => Assert.Null(AttachmentContent.Detect(head));

    [Theory]
    [InlineData("../../etc/CT report.pdf", AttachmentContent.Pdf, "CT report.pdf")]
    [InlineData("C:\\scans\\liver.PNG", AttachmentContent.Png, "liver.png")]
    [InlineData("scan.exe", AttachmentContent.Pdf, "scan.pdf")]
    [InlineData("<script>.jpg", AttachmentContent.Jpeg, "script.jpg")]
    [InlineData("", AttachmentContent.Pdf, "attachment.pdf")]
    public void SafeFileName_KeepsTheLastSegmentAndMatchesTheExtensionToTheContent(string name, string contentType, string expected) =>
        Assert.Equal(expected, AttachmentContent.SafeFileName(name, contentType));

    [Fact]
    public void Create_RefusesContentThatIsNotAnAcceptedTypeOrTooLarge()
    {
        var referral = Guid.CreateVersion7();

        Assert.Throws<DomainException>(() => ReferralAttachment.Create(referral, "x.pdf", "MZ-not-a-pdf"u8.ToArray(), Now, "u"));
        var tooLarge = new byte[ReferralAttachment.MaxBytes + 1];
        "%PDF-"u8.CopyTo(tooLarge);
        Assert.Throws<DomainException>(() => ReferralAttachment.Create(referral, "x.pdf", tooLarge, Now, "u"));
        var atLimit = new byte[ReferralAttachment.MaxBytes];
        "%PDF-"u8.CopyTo(atLimit);
        Assert.Equal(ReferralAttachment.MaxBytes, ReferralAttachment.Create(referral, "x.pdf", atLimit, Now, "u").SizeBytes);
    }
}
