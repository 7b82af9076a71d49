using System.Text.RegularExpressions;

using Scheduling.Web.Fhir;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Referrals;

/// <summary>
/// The FHIR Questionnaire asks what the referral form asks, in the same words and numbers: every
/// question on the form is an item with the label's text and number, and every item is on the form.
/// </summary>
public sealed partial class QuestionnaireWordingTests(WebApp app)
{
    [Fact]
    public async Task EveryFormQuestion_IsAQuestionnaireItem_WithTheSameWordingAndNumber()
    {
        using var browser = app.CreateClient();
        await browser.LoginAsync(app.ReferringPhysician);
        var form = await browser.GetAsync("/referrals/new");

        var labels = form.Document.QuerySelectorAll("label[for^='Questionnaire_']")
            .ToDictionary(l => l.GetAttribute("for")!["Questionnaire_".Length..], l => Regex.Replace(l.TextContent, @"\s+", " ").Trim());

        Assert.Equal(
            labels.Keys.Order(StringComparer.Ordinal),
            EligibilityQuestionnaire.Questions.Select(q => q.Field).Order(StringComparer.Ordinal));
        foreach (var question in EligibilityQuestionnaire.Questions)
        {
            var label = labels[question.Field];
            var number = Number().Match(label);
            Assert.Equal(question.Text, number.Success ? label[number.Length..].Trim() : label);
            if (number.Success)
            {
                Assert.Equal(number.Value.Trim(), Scheduling.Web.Models.Referrals.QuestionNumbers.For(question.Criterion, question.Part));
            }
        }
    }

    [GeneratedRegex(@"^\d+[a-z]?\.\s")]
    private static partial Regex Number();
}
