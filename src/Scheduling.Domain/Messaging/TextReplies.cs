namespace Scheduling.Domain.Messaging;

public enum TextReplyKind
{
    /// <summary>No more texts to this number, at once.</summary>
    Stop,

    /// <summary>Texts again after a stop.</summary>
    Start,

    Help,

    /// <summary>Anything else: nobody reads replies, so the patient is told to call.</summary>
    Other,
}

/// <summary>
/// What a patient's reply to a text means. A reply is a keyword only when it is the whole message (one
/// word, any case, trailing punctuation ignored), as carriers and providers read it: the usual English
/// keywords, which every patient's texts tell them, and their Spanish equivalents.
/// </summary>
public static class TextReplies
{
    private static readonly HashSet<string> StopWords =
        new(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE", "PARAR", "ALTO", "BAJA"], StringComparer.Ordinal);

    private static readonly HashSet<string> StartWords =
        new(["START", "UNSTOP", "YES", "SUBSCRIBE", "INICIAR", "ALTA"], StringComparer.Ordinal);

    private static readonly HashSet<string> HelpWords = new(["HELP", "INFO", "AYUDA"], StringComparer.Ordinal);

    public static TextReplyKind Classify(string? body)
    {
        var word = (body ?? string.Empty).Trim().TrimEnd('.', '!', '?').Trim().ToUpperInvariant();
        return StopWords.Contains(word) ? TextReplyKind.Stop
            : StartWords.Contains(word) ? TextReplyKind.Start
            : HelpWords.Contains(word) ? TextReplyKind.Help
            : TextReplyKind.Other;
    }

    /// <summary>The keyword as recorded with an opt-out (upper case, at most 20 characters).</summary>
    public static string Keyword(string? body)
    {
        var word = (body ?? string.Empty).Trim().TrimEnd('.', '!', '?').Trim().ToUpperInvariant();
        return word.Length <= TextOptOut.KeywordMaxLength ? word : word[..TextOptOut.KeywordMaxLength];
    }
}
