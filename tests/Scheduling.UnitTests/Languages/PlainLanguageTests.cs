using System.Globalization;

using Scheduling.Application.Common.Languages;
using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Messaging;

namespace Scheduling.UnitTests.Languages;

/// <summary>
/// Everything an English-speaking patient reads is written at grade 8 or below (Flesch–Kincaid): every
/// patient email's subject and body and every text message as rendered with realistic values, every
/// fragment inserted into them, and every paragraph of the patient pages and of what the app adds to
/// messages (the language-help notice, the replies to STOP/HELP). Labels and buttons shorter than five
/// words are not prose and FK says nothing about them; subject lines are measured however short.
/// </summary>
public sealed class PlainLanguageTests
{
    public const double MaximumGrade = 8.0;

    private static readonly PatientTexts Texts = PatientTexts.FromResources(CultureInfo.GetCultureInfo("en-US"));

    /// <summary>What the catalogue's {0}, {1} are filled with where they are used, so the measured text is the one read.</summary>
    private static readonly IReadOnlyDictionary<string, object[]> Arguments = new Dictionary<string, object[]>
    {
        ["Notice.LanguageAssistance"] = ["555-0100"],
        ["Sms.HelpReply"] = ["Interventional Radiology", "555-0100"],
        ["Sms.StopReply"] = ["Interventional Radiology"],
        ["Sms.StartReply"] = ["Interventional Radiology"],
        ["Sms.OtherReply"] = ["Interventional Radiology", "555-0100"],
        ["Ics.Summary"] = ["7:30 AM"],
        ["Ics.Description"] = ["7:30 AM", "9:30 AM", "555-0100"],
        ["TimeUntil.Days"] = [3],
        ["Ics.CancelledDescription"] = ["555-0100"],
        ["Show.Heading"] = ["Maria"],
        ["AnotherDate.Error.NoteTooLong"] = [500],
        ["Cancel.Error.ReasonTooLong"] = [1000],
        ["Texts.IntroOn"] = ["(617) 555-0199"],
        ["Texts.SavedOn"] = ["(617) 555-0199"],
        ["Texts.Stopped"] = ["(617) 555-0199"],
    };

    public static TheoryData<string> PatientKinds() =>
        [.. MessageKinds.All.Where(k => k.IsPatientFacing()).Select(k => k.Kind)];

    [Theory]
    [MemberData(nameof(PatientKinds))]
    public void EveryEnglishPatientMessage_AsRendered_IsAtGradeEightOrBelow(string kind)
    {
        var template = EffectiveTemplates.BuiltIn(MessageKinds.Find(kind)!, Texts, PatientLanguages.English)!;
        var values = EffectiveTemplates.SampleValues(Texts, PatientLanguages.English);

        var body = TemplateText.Render(template.Body, values);
        AssertPlain($"{kind} body", body);
        if (template.Subject.Length > 0)
        {
            AssertPlain($"{kind} subject", TemplateText.Render(template.Subject, values));
        }
    }

    [Fact]
    public void EveryEnglishPageParagraphAndAddedLine_IsAtGradeEightOrBelow()
    {
        var prose = Texts.Catalogue(PatientLanguages.English)
            .Where(t => !t.Key.StartsWith("Language.", StringComparison.Ordinal) && !t.Key.StartsWith("Format.", StringComparison.Ordinal))
            .Where(t => !t.Key.EndsWith(".Subject", StringComparison.Ordinal) && !t.Key.EndsWith(".Body", StringComparison.Ordinal))
            .Select(t => (t.Key, Text: Arguments.TryGetValue(t.Key, out var args) ? string.Format(CultureInfo.InvariantCulture, t.Value, args) : t.Value))
            .Where(t => Readability.Sentences(t.Text).SelectMany(Readability.Words).Count() >= 5)
            .ToList();

        Assert.True(prose.Count >= 30, $"Only {prose.Count} paragraphs found: the catalogue was not read.");
        var tooHard = prose.Select(p => (p.Key, Grade: Readability.FleschKincaidGrade(p.Text)))
            .Where(p => p.Grade > MaximumGrade)
            .Select(p => $"{p.Key}: grade {p.Grade:F1}")
            .ToList();
        Assert.True(tooHard.Count == 0, "Above grade 8, rewrite in plainer words or shorter sentences:\n" + string.Join("\n", tooHard));
    }

    [Theory]
    [InlineData("The cat sat on the mat.", -3, 1)]
    [InlineData("Chemoembolization is an interventional radiology procedure.", 14, 30)]
    public void TheGradeFormula_MatchesHandCountedExamples(string text, double atLeast, double atMost)
    {
        var grade = Readability.FleschKincaidGrade(text);

        Assert.InRange(grade, atLeast, atMost);
    }

    [Theory]
    [InlineData("cat", 1)]
    [InlineData("tomorrow", 3)]
    [InlineData("procedure", 3)]
    [InlineData("medicine", 3)]
    [InlineData("liquids", 2)]
    public void Syllables_AreCountedAsReadabilityToolsCountThem(string word, int syllables) =>
        Assert.Equal(syllables, Readability.Syllables(word));

    private static void AssertPlain(string what, string text)
    {
        var grade = Readability.FleschKincaidGrade(text);
        Assert.True(grade <= MaximumGrade, $"{what} is at grade {grade:F1}, above {MaximumGrade}; rewrite it in plainer words or shorter sentences:\n{text}");
    }
}
