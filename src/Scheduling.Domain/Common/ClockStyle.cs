using System.Globalization;

namespace Scheduling.Domain.Common;

/// <summary>
/// How the clinic writes a clock time, everywhere (pages, emails, texts, calendar files, the audit
/// log, the availability rules' reasons): its culture's short time, "7:30 AM" in en-US, "07:30" in
/// en-GB. ICU's narrow and no-break spaces in the pattern are written as plain spaces, so a text
/// message stays in the GSM alphabet and a test or a reader sees "7:30 AM".
/// </summary>
public sealed class ClockStyle
{
    public const string DefaultCulture = "en-US";

    private ClockStyle(CultureInfo culture, string pattern)
    {
        Culture = culture;
        Pattern = pattern;
    }

    public static ClockStyle Default { get; } = Of(CultureInfo.GetCultureInfo(DefaultCulture));

    /// <summary>The culture whose names (AM/PM) the times are written with.</summary>
    public CultureInfo Culture { get; }

    /// <summary>The custom format, "h:mm tt" or "HH:mm".</summary>
    public string Pattern { get; }

    /// <summary>Whether the clock reads 1 to 12 with AM/PM rather than 0 to 23.</summary>
    public bool TwelveHour => Pattern.Contains('h', StringComparison.Ordinal);

    public static ClockStyle Of(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return new(culture, Plain(culture.DateTimeFormat.ShortTimePattern));
    }

    /// <summary>
    /// The same style written in another language's culture: that culture's own short time when it
    /// reads the clock the same way (es-US "7:30 a. m." for an en-US clinic), otherwise this pattern
    /// with that culture's names (es-US under an en-GB clinic: "07:30").
    /// </summary>
    public ClockStyle In(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var own = Of(culture);
        return own.TwelveHour == TwelveHour ? own : new(culture, Pattern);
    }

    public string Format(DateTime local) => local.ToString(Pattern, Culture);

    public string Format(TimeOnly time) => time.ToString(Pattern, Culture);

    private static string Plain(string pattern) => pattern.Replace('\u202F', ' ').Replace('\u00A0', ' ');
}
