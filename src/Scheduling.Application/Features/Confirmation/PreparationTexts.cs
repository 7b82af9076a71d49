namespace Scheduling.Application.Features.Confirmation;

public sealed record PreparationTexts(string Checklist, string Premedication, string RepeatTests)
{
    public string ProcedureDescription { get; init; } = string.Empty;

    public string GoingHome { get; init; } = string.Empty;

    /// <summary>The bridge-to-transplant sentence, for a patient listed or assessed for a liver transplant; else empty.</summary>
    public string TransplantBridge { get; init; } = string.Empty;

    /// <summary>The checklist's lines without list markers, for the patient page.</summary>
    public IReadOnlyList<string> ChecklistItems => Checklist
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(line => line.TrimStart('-', '*', '•', ' '))
        .Where(line => line.Length > 0)
        .ToList();
}
