namespace Scheduling.Application.Features.Messaging;

/// <summary>A composed text message, ready for the provider. The outbox row's id identifies its delivery receipts.</summary>
/// <param name="ToNumber">E.164.</param>
public sealed record TextMessage(string ToNumber, string Body, Guid OutboxMessageId);

/// <summary>Hands a text to the SMS provider.</summary>
public interface ITextMessageSender
{
    /// <summary>Returns the provider's id of the message it accepted.</summary>
    /// <exception cref="TextRefusedException">The provider refused the message.</exception>
    Task<string> SendAsync(TextMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// The provider refused a text. <see cref="Permanent"/> refusals (the number cannot get texts, it
/// answered STOP) are not retried; <see cref="RecipientOptedOut"/> says the provider has the number as
/// opted out, which the app then records too.
/// </summary>
public sealed class TextRefusedException : Exception
{
    public TextRefusedException()
        : this("refused", permanent: false)
    {
    }

    public TextRefusedException(string message)
        : this(message, permanent: false)
    {
    }

    public TextRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = message;
    }

    /// <param name="code">The provider's error code (never message content or the number).</param>
    public TextRefusedException(string code, bool permanent, bool recipientOptedOut = false)
        : base($"The text provider refused the message (error {code}).")
    {
        Code = code;
        Permanent = permanent;
        RecipientOptedOut = recipientOptedOut;
    }

    public string Code { get; } = string.Empty;

    public bool Permanent { get; }

    public bool RecipientOptedOut { get; }
}
