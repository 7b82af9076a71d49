namespace Scheduling.Domain.Messaging;

/// <summary>
/// The languages a patient can be written to in, and the one choice beyond them: another language,
/// for which the clinic calls with an interpreter. A referral stores one of <see cref="Choices"/>.
/// English is the language every text exists in, and the one a text missing in another language falls
/// back to. Adding a language is adding its texts (PatientTexts.&lt;code&gt;.resx) and its code to
/// <see cref="Supported"/>; nothing else names a language.
/// </summary>
public static class PatientLanguages
{
    public const string English = "en";

    public const string Spanish = "es";

    /// <summary>Another language: the patient gets the English texts and a call with an interpreter.</summary>
    public const string Other = "other";

    public const int CodeMaxLength = 10;

    public const int InterpreterLanguageMaxLength = 50;

    /// <summary>Languages patient texts are written in (two-letter ISO 639-1 codes), English first.</summary>
    public static readonly IReadOnlyList<string> Supported = [English, Spanish];

    /// <summary>What the referral form offers: each supported language, then "another language".</summary>
    public static readonly IReadOnlyList<string> Choices = [.. Supported, Other];

    public static bool IsChoice(string? code) => code is not null && Choices.Contains(code);

    public static bool IsSupported(string? code) => code is not null && Supported.Contains(code);

    /// <summary>The language a patient's texts are written in: their own, or English when they need an interpreter.</summary>
    public static string TextLanguageOf(string? preferred) => IsSupported(preferred) ? preferred! : English;

    public static bool NeedsInterpreter(string? preferred) => preferred == Other;

    /// <summary>
    /// Reads a language as people type it (before the referral form offered a choice, or from another
    /// system): "Spanish", "español", "es-MX" are Spanish; blank is unknown (null); anything that is not a
    /// supported language is <see cref="Other"/>. The migration of existing referrals uses the same rule.
    /// </summary>
    public static string? FromText(string? text)
    {
        var value = text?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value is "en" or "english" or "inglés" or "ingles" || value.StartsWith("en-", StringComparison.Ordinal))
        {
            return English;
        }

        if (value is "es" or "spanish" or "español" or "espanol" or "castellano" || value.StartsWith("es-", StringComparison.Ordinal))
        {
            return Spanish;
        }

        return Other;
    }
}
