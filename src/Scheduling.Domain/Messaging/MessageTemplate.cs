using Scheduling.Domain.Common;

namespace Scheduling.Domain.Messaging;

/// <summary>
/// A clinic's own text for one message kind in one language. Kinds without a row use the built-in
/// text of that language, so "reset to default" is deleting the row. (Kind, Language) is unique.
/// </summary>
public sealed class MessageTemplate : Entity
{
    public const int SubjectMaxLength = 200;
    public const int BodyMaxLength = 8000;

    private MessageTemplate()
    {
        Kind = string.Empty;
        Language = PatientLanguages.English;
        Subject = string.Empty;
        Body = string.Empty;
    }

    public string Kind { get; private init; }

    /// <summary>One of <see cref="PatientLanguages.Supported"/>; staff messages are always English.</summary>
    public string Language { get; private init; }

    public string Subject { get; private set; }

    public string Body { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    public static MessageTemplate Create(string kind, string language, string subject, string body, DateTime nowUtc)
    {
        if (!PatientLanguages.IsSupported(language))
        {
            throw new DomainException($"'{language}' is not a language patient texts are written in.");
        }

        var template = new MessageTemplate { Kind = kind, Language = language };
        template.Update(subject, body, nowUtc);
        return template;
    }

    public void Update(string subject, string body, DateTime nowUtc)
    {
        Subject = subject.Trim();
        Body = body.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        UpdatedAtUtc = nowUtc;
    }
}
