namespace Scheduling.Domain.Courses;

/// <summary>
/// The Milan criteria (Mazzaferro 1996) and the UNOS/OPTN downstaging entry criteria as numbers in
/// millimetres, bound from the "Transplant" configuration section; the policy text names the version
/// staff see beside every evaluation (the rules change; exception points are not computed here).
/// </summary>
public sealed class TransplantCriteria
{
    public const string SectionName = "Transplant";

    /// <summary>Milan: one lesion up to this size.</summary>
    public int MilanSingleMaxMm { get; set; } = 50;

    /// <summary>Milan: two or three lesions, each up to this size.</summary>
    public int MilanSeveralEachMaxMm { get; set; } = 30;

    public int MilanMaxLesions { get; set; } = 3;

    /// <summary>Downstaging entry: one lesion above the Milan size and up to this size.</summary>
    public int DownstagingSingleMaxMm { get; set; } = 80;

    /// <summary>Downstaging entry: two or three lesions, at least one above the Milan size, each up to this size.</summary>
    public int DownstagingTwoToThreeEachMaxMm { get; set; } = 50;

    /// <summary>Downstaging entry: four or five lesions, each below this size.</summary>
    public int DownstagingFourToFiveEachBelowMm { get; set; } = 30;

    public int DownstagingMaxLesions { get; set; } = 5;

    /// <summary>Downstaging entry, several lesions: the sum of their diameters up to this.</summary>
    public int DownstagingTotalMaxMm { get; set; } = 80;

    public string PolicyVersion { get; set; } = "Milan criteria (Mazzaferro 1996); UNOS downstaging criteria (OPTN policy 9.5, 2019)";

    public string Version => PolicyVersion;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        void Millimetres(string name, int value)
        {
            if (value is < 1 or > 300)
            {
                problems.Add($"{name} must be between 1 and 300 mm (is {value}).");
            }
        }

        Millimetres(nameof(MilanSingleMaxMm), MilanSingleMaxMm);
        Millimetres(nameof(MilanSeveralEachMaxMm), MilanSeveralEachMaxMm);
        Millimetres(nameof(DownstagingSingleMaxMm), DownstagingSingleMaxMm);
        Millimetres(nameof(DownstagingTwoToThreeEachMaxMm), DownstagingTwoToThreeEachMaxMm);
        Millimetres(nameof(DownstagingFourToFiveEachBelowMm), DownstagingFourToFiveEachBelowMm);
        Millimetres(nameof(DownstagingTotalMaxMm), DownstagingTotalMaxMm);
        if (MilanMaxLesions is < 1 or > 10)
        {
            problems.Add($"{nameof(MilanMaxLesions)} must be between 1 and 10 (is {MilanMaxLesions}).");
        }

        if (DownstagingMaxLesions < MilanMaxLesions || DownstagingMaxLesions > 20)
        {
            problems.Add($"{nameof(DownstagingMaxLesions)} must be between {nameof(MilanMaxLesions)} and 20 (is {DownstagingMaxLesions}).");
        }

        if (string.IsNullOrWhiteSpace(PolicyVersion) || PolicyVersion.Length > 200)
        {
            problems.Add($"{nameof(PolicyVersion)} must name the policy in at most 200 characters.");
        }

        return problems;
    }
}

/// <summary>What a scan shows for transplant staging: every viable lesion's diameter, and the two findings that exclude.</summary>
public sealed record TumourBurden(IReadOnlyList<int> LesionsMm, bool MacrovascularInvasion, bool ExtrahepaticSpread);

public enum DownstagingStatus
{
    /// <summary>Within Milan: nothing to downstage.</summary>
    NotNeeded,

    /// <summary>Beyond Milan but within the downstaging entry criteria: treat and reassess.</summary>
    Eligible,

    /// <summary>Beyond the downstaging entry criteria too.</summary>
    Beyond,
}

public sealed record TransplantEvaluation(bool WithinMilan, string MilanReason, DownstagingStatus Downstaging, string DownstagingReason, string RuleVersion);

/// <summary>
/// Milan and the UNOS downstaging entry criteria evaluated from the lesions recorded at one scan, as
/// the reference states them. Milan: one lesion up to 5 cm, or two to three each up to 3 cm; no
/// macrovascular invasion, no extrahepatic spread. Downstaging entry: one lesion above 5 and up to
/// 8 cm; or two to three, at least one above 3 cm, each up to 5 cm, together up to 8 cm; or four to
/// five, each below 3 cm, together up to 8 cm; no vascular invasion, no extrahepatic spread.
/// Successful downstaging is being back within Milan.
/// </summary>
public static class Transplant
{
    public static TransplantEvaluation Evaluate(TumourBurden burden, TransplantCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(burden);
        ArgumentNullException.ThrowIfNull(criteria);
        if (burden.LesionsMm.Any(d => d <= 0))
        {
            throw new ArgumentException("A viable lesion has a diameter above 0 mm.", nameof(burden));
        }

        var (milan, milanReason) = Milan(burden, criteria);
        if (milan)
        {
            return new TransplantEvaluation(true, milanReason, DownstagingStatus.NotNeeded, "Within Milan: no downstaging needed.", criteria.Version);
        }

        var (entry, entryReason) = DownstagingEntry(burden, criteria);
        return new TransplantEvaluation(false, milanReason, entry ? DownstagingStatus.Eligible : DownstagingStatus.Beyond, entryReason, criteria.Version);
    }

    private static (bool Within, string Reason) Milan(TumourBurden burden, TransplantCriteria c)
    {
        var lesions = burden.LesionsMm;
        if (burden.MacrovascularInvasion)
        {
            return (false, "Beyond Milan: macrovascular invasion.");
        }

        if (burden.ExtrahepaticSpread)
        {
            return (false, "Beyond Milan: extrahepatic spread.");
        }

        var largest = lesions.Count == 0 ? 0 : lesions.Max();
        return lesions.Count switch
        {
            0 => (true, "Within Milan: no viable tumour."),
            1 when largest <= c.MilanSingleMaxMm => (true, $"Within Milan: one lesion of {Cm(largest)} (up to {Cm(c.MilanSingleMaxMm)})."),
            1 => (false, $"Beyond Milan: one lesion of {Cm(largest)} (above {Cm(c.MilanSingleMaxMm)})."),
            var n when n <= c.MilanMaxLesions && largest <= c.MilanSeveralEachMaxMm =>
                (true, $"Within Milan: {n} lesions, the largest {Cm(largest)} (each up to {Cm(c.MilanSeveralEachMaxMm)})."),
            var n when n <= c.MilanMaxLesions =>
                (false, $"Beyond Milan: {n} lesions, the largest {Cm(largest)} (each must be up to {Cm(c.MilanSeveralEachMaxMm)})."),
            var n => (false, $"Beyond Milan: {n} lesions (at most {c.MilanMaxLesions})."),
        };
    }

    private static (bool Within, string Reason) DownstagingEntry(TumourBurden burden, TransplantCriteria c)
    {
        var lesions = burden.LesionsMm;
        if (burden.MacrovascularInvasion)
        {
            return (false, "Beyond the downstaging criteria: vascular invasion.");
        }

        if (burden.ExtrahepaticSpread)
        {
            return (false, "Beyond the downstaging criteria: extrahepatic spread.");
        }

        var largest = lesions.Max();
        var total = lesions.Sum();
        var n = lesions.Count;
        if (n == 1)
        {
            return largest <= c.DownstagingSingleMaxMm
                ? (true, $"Within the downstaging criteria: one lesion of {Cm(largest)} (up to {Cm(c.DownstagingSingleMaxMm)}).")
                : (false, $"Beyond the downstaging criteria: one lesion of {Cm(largest)} (above {Cm(c.DownstagingSingleMaxMm)}).");
        }

        if (n > c.DownstagingMaxLesions)
        {
            return (false, $"Beyond the downstaging criteria: {n} lesions (at most {c.DownstagingMaxLesions}).");
        }

        if (total > c.DownstagingTotalMaxMm)
        {
            return (false, $"Beyond the downstaging criteria: {n} lesions together {Cm(total)} (up to {Cm(c.DownstagingTotalMaxMm)}).");
        }

        if (n <= c.MilanMaxLesions)
        {
            return largest <= c.DownstagingTwoToThreeEachMaxMm
                ? (true, $"Within the downstaging criteria: {n} lesions, the largest {Cm(largest)} (each up to {Cm(c.DownstagingTwoToThreeEachMaxMm)}), together {Cm(total)}.")
                : (false, $"Beyond the downstaging criteria: {n} lesions, the largest {Cm(largest)} (each must be up to {Cm(c.DownstagingTwoToThreeEachMaxMm)}).");
        }

        return largest < c.DownstagingFourToFiveEachBelowMm
            ? (true, $"Within the downstaging criteria: {n} lesions, each below {Cm(c.DownstagingFourToFiveEachBelowMm)}, together {Cm(total)}.")
            : (false, $"Beyond the downstaging criteria: {n} lesions, the largest {Cm(largest)} (each must be below {Cm(c.DownstagingFourToFiveEachBelowMm)}).");
    }

    /// <summary>"5.0 cm": the criteria are written in centimetres, the scans measured in millimetres.</summary>
    private static string Cm(int mm) => (mm / 10m).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " cm";
}
