using System.Globalization;

using Scheduling.Application.Common.Languages;
using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Common;
using Scheduling.Domain.Messaging;

namespace Scheduling.UnitTests.Languages;

/// <summary>
/// The catalogues of patient texts: every language has every English text, with the same placeholders
/// (a translation that lost {{ConfirmationLink}} would send a confirmation request without the link),
/// and dates and times in its own culture. A key missing in a language falls back to English, and says so.
/// </summary>
public sealed class PatientTextsCatalogueTests
{
    private static readonly PatientTexts Texts = PatientTexts.FromResources(CultureInfo.GetCultureInfo("en-US"));

    public static TheoryData<string> OtherLanguages() =>
        [.. PatientLanguages.Supported.Where(l => l != PatientLanguages.English)];

    [Theory]
    [MemberData(nameof(OtherLanguages))]
    public void EveryEnglishText_ExistsInEverySupportedLanguage(string language)
    {
        var english = Texts.Catalogue(PatientLanguages.English);
        var own = Texts.Catalogue(language);

        Assert.True(english.Count > 100, $"Only {english.Count} English texts were read.");
        var missing = english.Keys.Where(k => !own.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"Missing in PatientTexts.{language}.resx (patients would read English there): {string.Join(", ", missing)}");
        var extra = own.Keys.Where(k => !english.ContainsKey(k)).ToList();
        Assert.True(extra.Count == 0, $"In PatientTexts.{language}.resx but not in English (a typo in a key?): {string.Join(", ", extra)}");
        Assert.All(own, t => Assert.False(string.IsNullOrWhiteSpace(t.Value), $"{t.Key} is empty in {language}."));
    }

    [Theory]
    [MemberData(nameof(OtherLanguages))]
    public void EveryTranslation_UsesExactlyTheEnglishPlaceholdersAndArguments(string language)
    {
        var english = Texts.Catalogue(PatientLanguages.English);
        var own = Texts.Catalogue(language);
        var different = english.Where(t => own.ContainsKey(t.Key))
            .Where(t => !Markers(t.Value).SetEquals(Markers(own[t.Key])))
            .Select(t => t.Key)
            .ToList();
        Assert.True(different.Count == 0, $"Placeholders or {{0}} arguments differ from English in: {string.Join(", ", different)}");
    }

    [Fact]
    public void EveryPatientTemplate_UsesOnlyItsKindsPlaceholders_InEveryLanguage()
    {
        foreach (var language in PatientLanguages.Supported)
        {
            foreach (var kind in MessageKinds.All.Where(k => k.IsPatientFacing()))
            {
                var template = EffectiveTemplates.BuiltIn(kind, Texts, language);
                Assert.NotNull(template);
                Assert.Empty(TemplateText.UnknownPlaceholders(template.Subject + template.Body, kind.Placeholders));
            }
        }
    }

    [Fact]
    public void DatesAndTimes_AreWrittenInTheLanguagesCulture_WhateverTheThreadsCulture()
    {
        var local = new DateTime(2026, 3, 10, 13, 30, 0);
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Assert.Equal("Tuesday, March 10, 2026", Texts.Date(PatientLanguages.English, local));
            Assert.Equal("1:30 PM", Texts.Time(PatientLanguages.English, local));
            Assert.Equal("martes, 10 de marzo de 2026", Texts.Date(PatientLanguages.Spanish, local));
            Assert.Equal("martes, 10 de marzo", Texts.Day(PatientLanguages.Spanish, local));
            Assert.Matches("^1:30 p\\.\\s?m\\.$", Texts.Time(PatientLanguages.Spanish, local));
            Assert.Equal("jueves", Texts.DayName(PatientLanguages.Spanish, DayOfWeek.Thursday));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void AClinicWithAnotherEnglishCulture_KeepsItForEnglishPatients()
    {
        var british = PatientTexts.FromResources(CultureInfo.GetCultureInfo("en-GB"));

        Assert.Equal("en-GB", british.CultureOf(PatientLanguages.English).Name);
        Assert.Equal("es-US", british.CultureOf(PatientLanguages.Spanish).Name);
    }

    [Theory]
    [InlineData("en-US", "7:30 AM", "^7:30 a\\.\\sm\\.$", "1:30 PM")]
    [InlineData("en-GB", "07:30", "^07:30$", "13:30")]
    [InlineData("de-DE", "07:30", "^07:30$", "13:30")]
    public void Times_FollowTheClinicsClockStyle_InEachLanguagesCulture(string clinic, string english, string spanish, string afternoon)
    {
        // One style for the clinic: a 12-hour clinic writes Spanish "7:30 a. m.", a 24-hour one "07:30"
        // in Spanish as well, though es-US itself reads the clock 12-hour.
        var texts = PatientTexts.FromResources(CultureInfo.GetCultureInfo(clinic));
        var morning = new DateTime(2026, 3, 10, 7, 30, 0);

        Assert.Equal(english, texts.Time(PatientLanguages.English, morning));
        Assert.Matches(spanish, texts.Time(PatientLanguages.Spanish, morning));
        Assert.Equal(afternoon, texts.Time(PatientLanguages.English, morning.AddHours(6)));

        // Staff read the same as English patients.
        Assert.Equal(english, new ClinicTime(TimeZoneInfo.Utc, ClockStyle.Of(CultureInfo.GetCultureInfo(clinic))).Time(morning));
    }

    [Fact]
    public void AKeyMissingInALanguage_FallsBackToEnglish_AndSaysWhichLanguageItIsIn()
    {
        var texts = new PatientTexts(
            language => language == PatientLanguages.English
                ? new Dictionary<string, string> { ["Show.Title"] = "Your appointment", ["Cancel.Keep"] = "Keep my appointment" }
                : new Dictionary<string, string> { ["Show.Title"] = "Su cita" },
            CultureInfo.GetCultureInfo("en-US"));

        Assert.Equal(new PatientText("Su cita", PatientLanguages.Spanish), texts.Get(PatientLanguages.Spanish, "Show.Title"));
        Assert.Equal(new PatientText("Keep my appointment", PatientLanguages.English), texts.Get(PatientLanguages.Spanish, "Cancel.Keep"));
        Assert.False(texts.Has(PatientLanguages.Spanish, "Cancel.Keep"));
        Assert.Throws<KeyNotFoundException>(() => texts.Get(PatientLanguages.Spanish, "No.Such.Key"));
    }

    [Fact]
    public void ATemplateMissingInALanguage_IsSentInEnglish_TheClinicsEnglishIfItWroteOne_AndIsMarkedSo()
    {
        var kind = MessageKinds.Find(MessageKinds.PatientReminder)!;
        var englishOnly = new PatientTexts(
            language => language == PatientLanguages.English
                ? new Dictionary<string, string> { ["PatientReminder.Subject"] = "Tomorrow", ["PatientReminder.Body"] = "See you tomorrow." }
                : new Dictionary<string, string>(),
            CultureInfo.GetCultureInfo("en-US"));
        var clinicsEnglish = MessageTemplate.Create(kind.Kind, PatientLanguages.English, "Tomorrow at the clinic", "Park in garage B.", DateTime.UtcNow);

        var builtIn = EffectiveTemplates.Resolve(kind, englishOnly, PatientLanguages.Spanish, []);
        var customized = EffectiveTemplates.Resolve(kind, englishOnly, PatientLanguages.Spanish, [clinicsEnglish]);
        var ownSpanish = EffectiveTemplates.Resolve(kind, englishOnly, PatientLanguages.Spanish,
            [clinicsEnglish, MessageTemplate.Create(kind.Kind, PatientLanguages.Spanish, "Mañana", "Le esperamos mañana.", DateTime.UtcNow)]);

        Assert.Equal(("See you tomorrow.", PatientLanguages.English, true), (builtIn.Body, builtIn.Language, builtIn.FallsBackToEnglish));
        Assert.Equal(("Park in garage B.", PatientLanguages.English, true), (customized.Body, customized.Language, customized.FallsBackToEnglish));
        Assert.Equal(("Le esperamos mañana.", PatientLanguages.Spanish, false), (ownSpanish.Body, ownSpanish.Language, ownSpanish.FallsBackToEnglish));
    }

    /// <summary>The {{Name}} placeholders and {0}-style arguments in a text.</summary>
    private static HashSet<string> Markers(string text)
    {
        var found = TemplateText.UnknownPlaceholders(text, []).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < 4; i++)
        {
            if (text.Contains($"{{{i}}}", StringComparison.Ordinal))
            {
                found.Add($"{{{i}}}");
            }
        }

        return found;
    }
}
