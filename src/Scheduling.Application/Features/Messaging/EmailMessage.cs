namespace Scheduling.Application.Features.Messaging;

public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>A composed email, ready for the transport. MessageId is without angle brackets.</summary>
public sealed record EmailMessage(
    string ToAddress,
    string? ToName,
    string Subject,
    string TextBody,
    string? HtmlBody,
    string MessageId,
    IReadOnlyList<EmailAttachment> Attachments)
{
    /// <summary>The language the email is written in (its Content-Language header and the HTML's lang).</summary>
    public string Language { get; init; } = "en";

    /// <summary>The sender, set by the dispatcher from the clinic's current settings when it sends.</summary>
    public string? FromName { get; init; }

    public string? FromAddress { get; init; }
}
