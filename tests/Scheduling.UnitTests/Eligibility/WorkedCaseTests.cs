using Scheduling.Domain.Eligibility;

namespace Scheduling.UnitTests.Eligibility;

public class WorkedCaseTests
{
    private const int DocumentedCaseCount = 28;

    // Case number and note only: both serialise, so every case is its own test in the runner.
    public static TheoryData<int, string> CaseNumbers()
    {
        TheoryData<int, string> data = [];
        foreach (WorkedCase workedCase in WorkedCases.Cases)
        {
            data.Add(workedCase.Number, workedCase.Note);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNumbers))]
    public void WorkedCase_GivesExpectedOutcomeChildPughAndTriggers(int caseNumber, string note)
    {
        WorkedCase workedCase = WorkedCases.Get(caseNumber);
        Assert.Equal(note, workedCase.Note);

        EligibilityAssessment assessment = TestAnswers.Evaluate(workedCase.Answers);

        Assert.Equal(workedCase.ExpectedOutcome, assessment.Outcome);
        Assert.Equal(workedCase.ExpectedChildPugh, assessment.ChildPugh.Display);
        Assert.Equal(workedCase.ExpectedTriggers.Order(StringComparer.Ordinal), assessment.Findings.Select(f => f.Code).Order(StringComparer.Ordinal));
        Assert.Equal(string.Join(' ', workedCase.ExpectedTriggers), assessment.TriggerCodes);
    }

    [Fact]
    public void WorkedCases_AllDocumentedCasesAreLoaded()
    {
        Assert.Equal(DocumentedCaseCount, WorkedCases.Cases.Count);
        Assert.Equal(Enumerable.Range(1, DocumentedCaseCount), WorkedCases.Cases.Select(c => c.Number));
    }

    [Fact]
    public void VendoredCopy_Exists()
    {
        Assert.True(File.Exists(WorkedCases.VendoredPath), $"Missing {WorkedCases.VendoredPath}");
    }

    [Fact]
    public void VendoredCopy_IsByteIdenticalToSharedDocument()
    {
        Assert.SkipUnless(File.Exists(WorkedCases.SharedPath), $"Shared domain folder not present at {WorkedCases.SharedPath}");

        Assert.Equal(File.ReadAllBytes(WorkedCases.SharedPath), File.ReadAllBytes(WorkedCases.VendoredPath));
    }
}
