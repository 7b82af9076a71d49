using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Resources;

using Scheduling.Application.Common.Clinic;
using Scheduling.Domain.Common;
using Scheduling.Domain.Messaging;

namespace Scheduling.Application.Common.Languages;

/// <summary>
/// Everything a patient reads, per language: the built-in email and text templates, the fragments
/// inserted into them, the patient pages' words, the errors a patient can see, the notice of free
/// language help, the calendar entry's words and the date and time formats. One catalogue per
/// language (PatientTexts.resx is English, PatientTexts.es.resx Spanish, ...). A key missing in a
/// language falls back to English, and <see cref="Has"/> says so, for the pages that show staff where.
/// Nothing here depends on the thread's culture: every lookup names its language, so a background job
/// (which runs in the clinic's culture) and a staff request write the patient's language all the same.
/// </summary>
public sealed class PatientTexts
{
    private const string BaseName = "Scheduling.Application.Common.Languages.PatientTexts";

    private readonly Func<string, IReadOnlyDictionary<string, string>> _load;
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> _catalogues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CultureInfo> _cultures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ClockStyle> _clocks = new(StringComparer.Ordinal);
    private readonly CultureInfo _clinicCulture;
    private readonly ClockStyle _clinicClock;

    /// <param name="load">One language's own texts (without fallback), by language code.</param>
    /// <param name="clinicCulture">The clinic's culture: a patient language it is written in uses it (en-GB stays en-GB).</param>
    public PatientTexts(Func<string, IReadOnlyDictionary<string, string>> load, CultureInfo clinicCulture)
    {
        _load = load;
        _clinicCulture = clinicCulture;
        _clinicClock = ClockStyle.Of(clinicCulture);
    }

    /// <summary>The catalogues compiled into this assembly.</summary>
    public static PatientTexts FromResources(CultureInfo clinicCulture) => new(LoadResources, clinicCulture);

    /// <summary>The clinic's culture from its options (Clinic:Culture).</summary>
    public static PatientTexts FromResources(ClinicOptions clinic)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        return FromResources(CultureInfo.GetCultureInfo(clinic.Culture, predefinedOnly: true));
    }

    /// <summary>The texts one language has of its own (no fallback): the key set the catalogue tests compare.</summary>
    public IReadOnlyDictionary<string, string> Catalogue(string language) =>
        _catalogues.GetOrAdd(language, _load);

    /// <summary>Whether <paramref name="language"/> has its own text for <paramref name="key"/>.</summary>
    public bool Has(string language, string key) => Catalogue(language).ContainsKey(key);

    /// <summary>The text in the patient's language, or in English when that language lacks it.</summary>
    public PatientText Get(string language, string key)
    {
        if (Catalogue(language).TryGetValue(key, out var own))
        {
            return new PatientText(own, language);
        }

        return Catalogue(PatientLanguages.English).TryGetValue(key, out var english)
            ? new PatientText(english, PatientLanguages.English)
            : throw new KeyNotFoundException($"The patient text '{key}' does not exist (not even in English).");
    }

    /// <summary>Shorthand for <see cref="Get"/>'s value.</summary>
    public string this[string language, string key] => Get(language, key).Value;

    /// <summary>A text with {0}-style arguments, numbers and dates formatted in the language's culture.</summary>
    public string Format(string language, string key, params object?[] args) =>
        string.Format(CultureOf(language), this[language, key], args);

    /// <summary>
    /// The culture dates, times and numbers are written in for <paramref name="language"/>: the clinic's
    /// own when it is in that language (an en-GB clinic writes English dates its way), otherwise the
    /// catalogue's (es-US for Spanish).
    /// </summary>
    public CultureInfo CultureOf(string language) => _cultures.GetOrAdd(language, code =>
        _clinicCulture.TwoLetterISOLanguageName == code
            ? _clinicCulture
            : CultureInfo.GetCultureInfo(this[code, "Language.Culture"], predefinedOnly: true));

    /// <summary>"Tuesday, March 10, 2026" / "martes, 10 de marzo de 2026".</summary>
    public string Date(string language, DateTime local) => local.ToString(this[language, "Format.Date"], CultureOf(language));

    /// <summary>"Tuesday, March 10" / "martes, 10 de marzo": a day without the year.</summary>
    public string Day(string language, DateTime local) => local.ToString(this[language, "Format.Day"], CultureOf(language));

    /// <summary>
    /// The clinic's one clock style in the language's culture: "9:30 AM" / "9:30 a. m." for an en-US
    /// clinic, "09:30" / "09:30" for an en-GB one (<see cref="ClockStyle.In"/>), as staff pages read it.
    /// </summary>
    public string Time(string language, DateTime local) =>
        _clocks.GetOrAdd(language, code => _clinicClock.In(CultureOf(code))).Format(local);

    /// <summary>A weekday's name in the language ("Monday" / "lunes").</summary>
    public string DayName(string language, DayOfWeek day) => CultureOf(language).DateTimeFormat.GetDayName(day);

    private static readonly ResourceManager Resources = new(BaseName, typeof(PatientTexts).Assembly);

    private static IReadOnlyDictionary<string, string> LoadResources(string language)
    {
        // The English catalogue is the neutral one, in this assembly; every other is a satellite.
        var culture = language == PatientLanguages.English ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(language);
        var set = Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (set is null)
        {
            return texts;
        }

        foreach (DictionaryEntry entry in set)
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                texts[key] = value.Replace("\r\n", "\n", StringComparison.Ordinal);
            }
        }

        return texts;
    }
}

/// <summary>One text of the catalogue and the language it is actually in (English when the patient's had none).</summary>
public sealed record PatientText(string Value, string Language);
