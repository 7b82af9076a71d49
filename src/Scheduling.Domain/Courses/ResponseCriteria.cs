namespace Scheduling.Domain.Courses;

/// <summary>
/// The mRECIST thresholds for hepatocellular carcinoma (Lencioni &amp; Llovet, Semin Liver Dis
/// 2010;30:52-60), bound from the "Mrecist" configuration section. The defaults are the published
/// ones; a clinic that changes them gets a different <see cref="Version"/>, which every assessment keeps.
/// </summary>
public sealed class ResponseCriteria
{
    public const string SectionName = "Mrecist";

    /// <summary>A target lesion is measured only from this size (its longest viable diameter at baseline, in mm).</summary>
    public const int DefaultTargetMinimumMm = 10;

    /// <summary>Up to two target lesions per organ; the liver is the organ.</summary>
    public const int MaxTargets = 2;

    /// <summary>Partial response: at least this decrease of the sum of viable diameters from baseline (percent).</summary>
    public int PartialResponseDecreasePercent { get; set; } = 30;

    /// <summary>Progression: at least this increase of the sum from the smallest sum recorded (the nadir), in percent.</summary>
    public int ProgressionIncreasePercent { get; set; } = 20;

    /// <summary>The smallest viable diameter a target lesion may have at baseline, in mm.</summary>
    public int TargetMinimumMm { get; set; } = DefaultTargetMinimumMm;

    /// <summary>What every assessment records and shows as the rule it was computed with.</summary>
    public string Version =>
        $"mRECIST (Lencioni & Llovet 2010): partial response at {PartialResponseDecreasePercent} % or more below the baseline sum, "
        + $"progression at {ProgressionIncreasePercent} % or more above the nadir; targets at least {TargetMinimumMm} mm";

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (PartialResponseDecreasePercent is < 1 or > 99)
        {
            problems.Add($"{nameof(PartialResponseDecreasePercent)} must be between 1 and 99 (is {PartialResponseDecreasePercent}).");
        }

        if (ProgressionIncreasePercent is < 1 or > 500)
        {
            problems.Add($"{nameof(ProgressionIncreasePercent)} must be between 1 and 500 (is {ProgressionIncreasePercent}).");
        }

        if (TargetMinimumMm is < 1 or > 100)
        {
            problems.Add($"{nameof(TargetMinimumMm)} must be between 1 and 100 (is {TargetMinimumMm}).");
        }

        return problems;
    }
}
