namespace Scheduling.Domain.Eligibility;

public enum ChildPughClass
{
    A,
    B,
    C,
}

/// <summary>
/// Child-Pugh score (5-15) and class computed from the five components, using the bands held by
/// <see cref="EligibilityCriteria"/>. The points of each component are kept so a reviewer can see
/// which component made the difference.
/// </summary>
public sealed record ChildPugh(
    int BilirubinPoints,
    int AlbuminPoints,
    int InrPoints,
    int AscitesPoints,
    int EncephalopathyPoints,
    ChildPughClass Class)
{
    public int Score => BilirubinPoints + AlbuminPoints + InrPoints + AscitesPoints + EncephalopathyPoints;

    /// <summary>Class letter followed by score, as clinicians write it: "A5", "B7".</summary>
    public string Display => $"{Class}{Score.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public override string ToString() => Display;

    public static ChildPugh Calculate(QuestionnaireAnswers answers, EligibilityCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return Calculate(answers.BilirubinMgDl, answers.AlbuminGdL, answers.Inr, answers.Ascites, answers.Encephalopathy, criteria);
    }

    public static ChildPugh Calculate(
        decimal bilirubinMgDl,
        decimal albuminGdL,
        decimal inr,
        Ascites ascites,
        Encephalopathy encephalopathy,
        EligibilityCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);

        int bilirubinPoints = bilirubinMgDl < criteria.ChildPughBilirubinTwoPointsFromMgDl ? 1
            : bilirubinMgDl <= criteria.ChildPughBilirubinThreePointsAboveMgDl ? 2
            : 3;

        // Albumin is the one component where a higher value is better.
        int albuminPoints = albuminGdL > criteria.ChildPughAlbuminOnePointAboveGdL ? 1
            : albuminGdL >= criteria.ChildPughAlbuminThreePointsBelowGdL ? 2
            : 3;

        int inrPoints = inr < criteria.ChildPughInrTwoPointsFrom ? 1
            : inr <= criteria.ChildPughInrThreePointsAbove ? 2
            : 3;

        int ascitesPoints = ascites switch
        {
            Ascites.None => 1,
            Ascites.Mild => 2,
            Ascites.ModerateSevere => 3,
            _ => throw new ArgumentOutOfRangeException(nameof(ascites), ascites, "Unknown ascites answer."),
        };

        int encephalopathyPoints = encephalopathy switch
        {
            Encephalopathy.None => 1,
            Encephalopathy.Grade1To2 => 2,
            Encephalopathy.Grade3To4 => 3,
            _ => throw new ArgumentOutOfRangeException(nameof(encephalopathy), encephalopathy, "Unknown encephalopathy answer."),
        };

        int score = bilirubinPoints + albuminPoints + inrPoints + ascitesPoints + encephalopathyPoints;
        ChildPughClass childPughClass = score <= criteria.ChildPughClassAMaxScore ? ChildPughClass.A
            : score <= criteria.ChildPughClassBMaxScore ? ChildPughClass.B
            : ChildPughClass.C;

        return new ChildPugh(bilirubinPoints, albuminPoints, inrPoints, ascitesPoints, encephalopathyPoints, childPughClass);
    }
}
