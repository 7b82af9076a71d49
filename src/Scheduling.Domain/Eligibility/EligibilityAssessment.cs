namespace Scheduling.Domain.Eligibility;

public enum EligibilityOutcome
{
    Eligible,
    NeedsReview,
    Ineligible,
}

public enum FindingLevel
{
    /// <summary>Relative contraindication: the referral goes to the radiologist's queue.</summary>
    Review,

    /// <summary>Contraindication: proposed ineligible; the radiologist may still override, documented.</summary>
    Ineligible,

    /// <summary>Information for planning only; never changes the outcome (criterion 20).</summary>
    Flag,
}

/// <summary>
/// One answer that left the E column, with a reason that names the criterion and the value,
/// in plain language for the intake team and the radiologist.
/// </summary>
public sealed record EligibilityFinding(int Criterion, FindingLevel Level, string Reason)
{
    /// <summary>Stable code such as "5R", "10X" or "20F", as used by the worked cases.</summary>
    public string Code => Criterion.ToString(System.Globalization.CultureInfo.InvariantCulture) + LevelSuffix(Level);

    private static string LevelSuffix(FindingLevel level) => level switch
    {
        FindingLevel.Review => "R",
        FindingLevel.Ineligible => "X",
        FindingLevel.Flag => "F",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown finding level."),
    };
}

/// <summary>The proposed outcome of one questionnaire under one version of the criteria.</summary>
public sealed record EligibilityAssessment(
    EligibilityOutcome Outcome,
    ChildPugh ChildPugh,
    string CriteriaVersion,
    IReadOnlyList<EligibilityFinding> Findings)
{
    /// <summary>Criterion 20: same-day discharge is unlikely. Never affects <see cref="Outcome"/>.</summary>
    public bool OvernightBedLikely => Findings.Any(f => f.Level == FindingLevel.Flag && f.Criterion == EligibilityEvaluator.OvernightBedCriterion);

    /// <summary>
    /// Criterion 15 was "moderate": the patient must be sent the contrast premedication instructions.
    /// </summary>
    public bool PremedicationNeeded { get; init; }

    /// <summary>Finding codes in criterion order, e.g. "3X 5R 20F"; empty when nothing triggered.</summary>
    public string TriggerCodes => string.Join(' ', Findings.Select(f => f.Code));
}

/// <summary>
/// Whether labs or imaging are too old for a planned procedure date. Never blocks a referral;
/// it drives the "must be repeated" notices for the scheduler and the patient checklist.
/// </summary>
public sealed record Staleness(bool LabsMustBeRepeated, bool ImagingMustBeRepeated);
