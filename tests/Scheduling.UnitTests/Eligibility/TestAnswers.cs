using Scheduling.Domain.Eligibility;
using Scheduling.TestSupport;

namespace Scheduling.UnitTests.Eligibility;

/// <summary>The shared eligible answers (<see cref="TestData.EligibleAnswers"/>) on fixed dates, varied with <c>with</c>, and shorthands for reading an assessment.</summary>
internal static class TestAnswers
{
    public static readonly DateOnly LabsDate = new(2025, 3, 3);
    public static readonly DateOnly ImagingDate = new(2025, 2, 24);

    /// <summary>Worked case 1, "typical intermediate HCC": Eligible, Child-Pugh A5, no triggers.</summary>
    public static QuestionnaireAnswers Eligible() => TestData.EligibleAnswers(LabsDate, ImagingDate);

    public static EligibilityAssessment Evaluate(QuestionnaireAnswers answers) =>
        EligibilityEvaluator.Evaluate(answers, EligibilityCriteria.Version1);

    /// <summary>The code of the finding for one criterion ("5R"), or null when it did not trigger.</summary>
    public static string? CodeFor(this EligibilityAssessment assessment, int criterion) =>
        assessment.Findings.SingleOrDefault(f => f.Criterion == criterion)?.Code;
}
