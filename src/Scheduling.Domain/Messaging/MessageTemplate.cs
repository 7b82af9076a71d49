using Scheduling.Domain.Common;

namespace Scheduling.Domain.Messaging;

/// <summary>
/// A clinic's own text for one message kind. Kinds without a row use MessageKinds' default text, so
/// "reset to default" is deleting the row.
/// </summary>
public sealed class MessageTemplate : Entity
{
    public const int SubjectMaxLength = 200;
    public const int BodyMaxLength = 8000;

    private MessageTemplate()
    {
        Kind = string.Empty;
        Subject = string.Empty;
        Body = string.Empty;
    }

    public string Kind { get; private init; }

    public string Subject { get; private set; }

    public string Body { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    public static MessageTemplate Create(string kind, string subject, string body, DateTime nowUtc)
    {
        var template = new MessageTemplate { Kind = kind };
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
