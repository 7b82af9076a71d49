using System.Globalization;

using Scheduling.Domain.Common;

namespace Scheduling.Domain.Courses;

/// <summary>
/// What a radiologist read on one scan: the viable diameters of the course's target lesions (chosen at
/// baseline, up to two, each at least 10 mm, with their liver segment), new lesions, the non-target
/// lesions, and the other viable lesions and findings that transplant staging needs.
/// </summary>
/// <param name="TargetsMm">Longest viable (arterially enhancing) diameter of each target, in mm; 0 = no enhancement left.</param>
/// <param name="TargetSegments">Couinaud segment (1 to 8) of each target; only at baseline.</param>
/// <param name="OtherLesionsMm">Every other viable lesion in the liver, in mm (new ones included), for Milan and downstaging.</param>
public sealed record ScanFindings(
    DateOnly ScanOn,
    ImagingModality Modality,
    IReadOnlyList<int> TargetsMm,
    IReadOnlyList<int>? TargetSegments,
    bool NewLesion,
    NonTargetStatus NonTarget,
    IReadOnlyList<int> OtherLesionsMm,
    bool MacrovascularInvasion,
    bool ExtrahepaticSpread,
    string? Notes)
{
    public const int MaxDiameterMm = 300;
    public const int MaxOtherLesions = 20;
    public const int NotesMaxLength = 1000;

    /// <summary>Every viable lesion the scan shows: the targets still enhancing and the others.</summary>
    public TumourBurden Burden => new(TargetsMm.Where(d => d > 0).Concat(OtherLesionsMm).ToList(), MacrovascularInvasion, ExtrahepaticSpread);
}

/// <summary>
/// A scan's reading in the course: the baseline (<see cref="AfterSession"/> 0), or the follow-up after
/// a session. A follow-up keeps the mRECIST category computed from it, the numbers and the rule
/// version it was computed with, and the radiologist's override with its reason; both kinds keep the
/// Milan and downstaging evaluation of the lesions they recorded.
/// </summary>
public sealed class LesionAssessment : Entity
{
    public const int ReasonMaxLength = 1000;

    private LesionAssessment()
    {
        OtherLesionsMm = Arithmetic = ResponseRuleVersion = MilanReason = DownstagingReason = TransplantRuleVersion = AssessedBy = string.Empty;
    }

    public Guid CourseId { get; private set; }

    /// <summary>0 for the baseline; otherwise the number of the session whose follow-up this is.</summary>
    public int AfterSession { get; private set; }

    public bool IsBaseline => AfterSession == 0;

    public DateOnly ScanOn { get; private set; }

    public ImagingModality Modality { get; private set; }

    public int Target1Mm { get; private set; }

    public int? Target2Mm { get; private set; }

    public int? Target1Segment { get; private set; }

    public int? Target2Segment { get; private set; }

    public bool NewLesion { get; private set; }

    public NonTargetStatus NonTarget { get; private set; }

    /// <summary>The other viable lesions' diameters in mm, comma-separated ("12,25"), as recorded.</summary>
    public string OtherLesionsMm { get; private set; }

    public bool MacrovascularInvasion { get; private set; }

    public bool ExtrahepaticSpread { get; private set; }

    public string? Notes { get; private set; }

    public ResponseCategory? ComputedCategory { get; private set; }

    public ResponseCategory? OverrideCategory { get; private set; }

    public string? OverrideReason { get; private set; }

    public int? BaselineSumMm { get; private set; }

    public int? NadirSumMm { get; private set; }

    public int CurrentSumMm { get; private set; }

    /// <summary>The computation's steps, one per line, as shown to staff and the doctor.</summary>
    public string Arithmetic { get; private set; }

    public string ResponseRuleVersion { get; private set; }

    public bool WithinMilan { get; private set; }

    public string MilanReason { get; private set; }

    public DownstagingStatus Downstaging { get; private set; }

    public string DownstagingReason { get; private set; }

    public string TransplantRuleVersion { get; private set; }

    /// <summary>1 when first recorded, +1 at each correction (each version gets its own email to the doctor).</summary>
    public int Revision { get; private set; }

    public string AssessedBy { get; private set; }

    public string? AssessedByUserId { get; private set; }

    public DateTime AssessedAtUtc { get; private set; }

    /// <summary>The category that counts: the radiologist's override when there is one, else the computed one.</summary>
    public ResponseCategory? Category => OverrideCategory ?? ComputedCategory;

    public IReadOnlyList<int> TargetsMm => Target2Mm is { } second ? [Target1Mm, second] : [Target1Mm];

    public IReadOnlyList<int> OtherLesions => ParseLesions(OtherLesionsMm);

    /// <summary>"12, 25" as typed, into diameters; null when the text is not a list of whole millimetres.</summary>
    public static IReadOnlyList<int>? TryParseLesions(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var values = new List<int>();
        foreach (var part in text.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var number = part.EndsWith("mm", StringComparison.OrdinalIgnoreCase) ? part[..^2].Trim() : part;
            if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            values.Add(value);
        }

        return values;
    }

    internal static LesionAssessment Create(Guid courseId, int afterSession) => new() { CourseId = courseId, AfterSession = afterSession };

    internal void Apply(
        ScanFindings findings,
        MrecistResult? response,
        ResponseCategory? overrideCategory,
        string? overrideReason,
        TransplantEvaluation transplant,
        DateTime nowUtc,
        Actor actor)
    {
        ScanOn = findings.ScanOn;
        Modality = findings.Modality;
        Target1Mm = findings.TargetsMm[0];
        Target2Mm = findings.TargetsMm.Count > 1 ? findings.TargetsMm[1] : null;
        Target1Segment = findings.TargetSegments?[0];
        Target2Segment = findings.TargetSegments is { Count: > 1 } segments ? segments[1] : null;
        NewLesion = findings.NewLesion;
        NonTarget = findings.NonTarget;
        OtherLesionsMm = string.Join(",", findings.OtherLesionsMm);
        MacrovascularInvasion = findings.MacrovascularInvasion;
        ExtrahepaticSpread = findings.ExtrahepaticSpread;
        Notes = string.IsNullOrWhiteSpace(findings.Notes) ? null : findings.Notes.Trim();
        ComputedCategory = response?.Category;
        OverrideCategory = overrideCategory;
        OverrideReason = overrideCategory is null ? null : overrideReason?.Trim();
        BaselineSumMm = response?.BaselineSumMm;
        NadirSumMm = response?.NadirSumMm;
        CurrentSumMm = findings.TargetsMm.Sum();
        Arithmetic = response is null ? string.Empty : string.Join("\n", response.Arithmetic);
        ResponseRuleVersion = response?.RuleVersion ?? string.Empty;
        WithinMilan = transplant.WithinMilan;
        MilanReason = transplant.MilanReason;
        Downstaging = transplant.Downstaging;
        DownstagingReason = transplant.DownstagingReason;
        TransplantRuleVersion = transplant.RuleVersion;
        Revision++;
        AssessedBy = actor.Name;
        AssessedByUserId = actor.UserId;
        AssessedAtUtc = nowUtc;
    }

    private static List<int> ParseLesions(string text) => TryParseLesions(text)?.ToList() ?? [];
}
