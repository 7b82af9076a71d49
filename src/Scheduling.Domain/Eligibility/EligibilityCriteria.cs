namespace Scheduling.Domain.Eligibility;

/// <summary>
/// Every threshold of the TACE eligibility document, as one versioned policy.
/// Properties are settable so the clinic can bind a site-specific version from configuration
/// (section "Eligibility") without a code release; the defaults are version 1 of the document.
/// Property names say whether a bound is inclusive ("From", "Min", "Max") or exclusive ("Above", "Below").
/// </summary>
public sealed class EligibilityCriteria
{
    public const string ConfigurationSectionName = "Eligibility";

    // The Child-Pugh score is defined on 5 components of 1-3 points each; these are properties of
    // the scoring system itself, not clinic policy, so they are constants rather than settings.
    public const int ChildPughMinimumScore = 5;
    public const int ChildPughMaximumScore = 15;

    // ECOG performance status is a 0-4 scale (5 = dead is meaningless for a referral).
    public const int EcogMinimum = 0;
    public const int EcogMaximum = 4;

    /// <summary>
    /// A fresh copy of the version-1 defaults. A new instance each time, because the class is mutable
    /// for configuration binding and a shared static instance could be altered by any caller.
    /// </summary>
    public static EligibilityCriteria Version1 => new();

    /// <summary>Recorded on every assessment so an outcome can be traced to the rules that produced it.</summary>
    public string Version { get; set; } = "1";

    // Criterion 3: Child-Pugh A (5-6) eligible, B7 review, B8 or worse ineligible.
    public int ChildPughMaxEligibleScore { get; set; } = 6;
    public int ChildPughMaxReviewScore { get; set; } = 7;

    // Criterion 4: ECOG 0 eligible, 1-2 review, 3-4 ineligible.
    public int EcogMaxEligible { get; set; } = 0;
    public int EcogMaxReview { get; set; } = 2;

    // Criterion 5: total bilirubin (mg/dL) < 2.0 eligible, 2.0-3.0 review, > 3.0 ineligible.
    public decimal BilirubinReviewFromMgDl { get; set; } = 2.0m;
    public decimal BilirubinIneligibleAboveMgDl { get; set; } = 3.0m;

    // Criterion 7: INR <= 1.5 eligible, > 1.5 and < 2.2 review, >= 2.2 ineligible.
    public decimal InrReviewAbove { get; set; } = 1.5m;
    public decimal InrIneligibleFrom { get; set; } = 2.2m;

    // Criterion 8: platelets (x10^9/L) >= 50 eligible, 20-49 review, < 20 ineligible.
    public decimal PlateletsEligibleFrom { get; set; } = 50m;
    public decimal PlateletsIneligibleBelow { get; set; } = 20m;

    // Criterion 9: creatinine < 2.0 mg/dL and eGFR >= 30 eligible; dialysis review; otherwise ineligible.
    public decimal CreatinineIneligibleFromMgDl { get; set; } = 2.0m;
    public decimal EgfrIneligibleBelow { get; set; } = 30m;

    // Criterion 12: >= 50 % of the liver replaced ineligible; largest lesion >= 10 cm review.
    public decimal TumourBurdenIneligibleFromPercent { get; set; } = 50m;
    public decimal LargestLesionReviewFromCm { get; set; } = 10m;

    // Child-Pugh points table (1 / 2 / 3 points).
    // Bilirubin: < 2 / 2-3 / > 3 mg/dL.
    public decimal ChildPughBilirubinTwoPointsFromMgDl { get; set; } = 2.0m;
    public decimal ChildPughBilirubinThreePointsAboveMgDl { get; set; } = 3.0m;

    // Albumin: > 3.5 / 2.8-3.5 / < 2.8 g/dL. Criterion 6 (albumin) only feeds Child-Pugh,
    // so this band is the only albumin threshold there is.
    public decimal ChildPughAlbuminOnePointAboveGdL { get; set; } = 3.5m;
    public decimal ChildPughAlbuminThreePointsBelowGdL { get; set; } = 2.8m;

    // INR: < 1.7 / 1.7-2.3 / > 2.3.
    public decimal ChildPughInrTwoPointsFrom { get; set; } = 1.7m;
    public decimal ChildPughInrThreePointsAbove { get; set; } = 2.3m;

    // Class A = 5-6, B = 7-9, C = 10-15.
    public int ChildPughClassAMaxScore { get; set; } = 6;
    public int ChildPughClassBMaxScore { get; set; } = 9;

    // Staleness: older results never block, they make the booking say "must be repeated".
    public const int MaxValidityDays = 365;

    public int LabValidityDays { get; set; } = 14;
    public int ImagingValidityDays { get; set; } = 30;

    /// <summary>
    /// Problems that would make the rules contradict themselves (e.g. a review band above the
    /// ineligible band). Empty when the criteria are usable. Meant for startup validation of a
    /// configured version, so that a typo in a site's settings fails loudly instead of silently
    /// changing clinical outcomes.
    /// </summary>
    public IReadOnlyList<string> Validate()
    {
        List<string> problems = [];

        if (string.IsNullOrWhiteSpace(Version))
        {
            problems.Add("Version must not be empty.");
        }

        RequireOrdered(problems, ChildPughMaxEligibleScore, ChildPughMaxReviewScore,
            nameof(ChildPughMaxEligibleScore), nameof(ChildPughMaxReviewScore));
        RequireWithin(problems, ChildPughMaxEligibleScore, ChildPughMinimumScore, ChildPughMaximumScore, nameof(ChildPughMaxEligibleScore));
        RequireWithin(problems, ChildPughMaxReviewScore, ChildPughMinimumScore, ChildPughMaximumScore, nameof(ChildPughMaxReviewScore));

        RequireOrdered(problems, EcogMaxEligible, EcogMaxReview, nameof(EcogMaxEligible), nameof(EcogMaxReview));
        RequireWithin(problems, EcogMaxEligible, EcogMinimum, EcogMaximum, nameof(EcogMaxEligible));
        RequireWithin(problems, EcogMaxReview, EcogMinimum, EcogMaximum, nameof(EcogMaxReview));

        RequireOrdered(problems, BilirubinReviewFromMgDl, BilirubinIneligibleAboveMgDl,
            nameof(BilirubinReviewFromMgDl), nameof(BilirubinIneligibleAboveMgDl));
        RequireStrictlyOrdered(problems, InrReviewAbove, InrIneligibleFrom, nameof(InrReviewAbove), nameof(InrIneligibleFrom));
        RequireOrdered(problems, PlateletsIneligibleBelow, PlateletsEligibleFrom,
            nameof(PlateletsIneligibleBelow), nameof(PlateletsEligibleFrom));

        RequirePositive(problems, BilirubinReviewFromMgDl, nameof(BilirubinReviewFromMgDl));
        RequirePositive(problems, InrReviewAbove, nameof(InrReviewAbove));
        RequirePositive(problems, PlateletsIneligibleBelow, nameof(PlateletsIneligibleBelow));
        RequirePositive(problems, CreatinineIneligibleFromMgDl, nameof(CreatinineIneligibleFromMgDl));
        RequirePositive(problems, EgfrIneligibleBelow, nameof(EgfrIneligibleBelow));
        RequirePositive(problems, LargestLesionReviewFromCm, nameof(LargestLesionReviewFromCm));
        RequireWithin(problems, TumourBurdenIneligibleFromPercent, 0m, 100m, nameof(TumourBurdenIneligibleFromPercent));
        if (TumourBurdenIneligibleFromPercent <= 0m)
        {
            problems.Add($"{nameof(TumourBurdenIneligibleFromPercent)} must be above 0 (otherwise every patient is ineligible).");
        }

        RequireOrdered(problems, ChildPughBilirubinTwoPointsFromMgDl, ChildPughBilirubinThreePointsAboveMgDl,
            nameof(ChildPughBilirubinTwoPointsFromMgDl), nameof(ChildPughBilirubinThreePointsAboveMgDl));
        RequireOrdered(problems, ChildPughAlbuminThreePointsBelowGdL, ChildPughAlbuminOnePointAboveGdL,
            nameof(ChildPughAlbuminThreePointsBelowGdL), nameof(ChildPughAlbuminOnePointAboveGdL));
        RequireOrdered(problems, ChildPughInrTwoPointsFrom, ChildPughInrThreePointsAbove,
            nameof(ChildPughInrTwoPointsFrom), nameof(ChildPughInrThreePointsAbove));
        RequirePositive(problems, ChildPughBilirubinTwoPointsFromMgDl, nameof(ChildPughBilirubinTwoPointsFromMgDl));
        RequirePositive(problems, ChildPughAlbuminThreePointsBelowGdL, nameof(ChildPughAlbuminThreePointsBelowGdL));
        RequirePositive(problems, ChildPughInrTwoPointsFrom, nameof(ChildPughInrTwoPointsFrom));

        RequireStrictlyOrdered(problems, ChildPughClassAMaxScore, ChildPughClassBMaxScore,
            nameof(ChildPughClassAMaxScore), nameof(ChildPughClassBMaxScore));
        RequireWithin(problems, ChildPughClassAMaxScore, ChildPughMinimumScore, ChildPughMaximumScore, nameof(ChildPughClassAMaxScore));
        RequireWithin(problems, ChildPughClassBMaxScore, ChildPughMinimumScore, ChildPughMaximumScore - 1, nameof(ChildPughClassBMaxScore));

        if (LabValidityDays is < 0 or > MaxValidityDays)
        {
            problems.Add($"{nameof(LabValidityDays)} must be between 0 and {MaxValidityDays} days (is {LabValidityDays}).");
        }

        if (ImagingValidityDays is < 0 or > MaxValidityDays)
        {
            problems.Add($"{nameof(ImagingValidityDays)} must be between 0 and {MaxValidityDays} days (is {ImagingValidityDays}).");
        }

        return problems;
    }

    private static void RequireOrdered<T>(List<string> problems, T lower, T upper, string lowerName, string upperName)
        where T : IComparable<T>
    {
        if (lower.CompareTo(upper) > 0)
        {
            problems.Add($"{lowerName} ({Format(lower)}) must not be above {upperName} ({Format(upper)}).");
        }
    }

    private static void RequireStrictlyOrdered<T>(List<string> problems, T lower, T upper, string lowerName, string upperName)
        where T : IComparable<T>
    {
        if (lower.CompareTo(upper) >= 0)
        {
            problems.Add($"{lowerName} ({Format(lower)}) must be below {upperName} ({Format(upper)}).");
        }
    }

    private static void RequireWithin<T>(List<string> problems, T value, T min, T max, string name)
        where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
        {
            problems.Add($"{name} ({Format(value)}) must be between {Format(min)} and {Format(max)}.");
        }
    }

    private static void RequirePositive(List<string> problems, decimal value, string name)
    {
        if (value <= 0m)
        {
            problems.Add($"{name} ({Format(value)}) must be above 0.");
        }
    }

    private static string Format<T>(T value) =>
        value is IFormattable formattable
            ? formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture)
            : value?.ToString() ?? string.Empty;
}
