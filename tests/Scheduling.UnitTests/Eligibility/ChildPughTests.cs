using Scheduling.Domain.Eligibility;

namespace Scheduling.UnitTests.Eligibility;

public class ChildPughTests
{
    private static ChildPugh Calculate(
        double bilirubin = 1.0,
        double albumin = 3.8,
        double inr = 1.1,
        Ascites ascites = Ascites.None,
        Encephalopathy encephalopathy = Encephalopathy.None) =>
        ChildPugh.Calculate((decimal)bilirubin, (decimal)albumin, (decimal)inr, ascites, encephalopathy, EligibilityCriteria.Version1);

    [Theory]
    [InlineData(1.99, 1)]
    [InlineData(2.0, 2)]
    [InlineData(2.01, 2)]
    [InlineData(3.0, 2)]
    [InlineData(3.01, 3)]
    public void BilirubinPoints_AtEachBand_FollowTheTable(double bilirubin, int points)
    {
        Assert.Equal(points, Calculate(bilirubin: bilirubin).BilirubinPoints);
    }

    [Theory]
    [InlineData(3.51, 1)]
    [InlineData(3.5, 2)]
    [InlineData(2.8, 2)]
    [InlineData(2.79, 3)]
    public void AlbuminPoints_AtEachBand_FollowTheTable(double albumin, int points)
    {
        Assert.Equal(points, Calculate(albumin: albumin).AlbuminPoints);
    }

    [Theory]
    [InlineData(1.69, 1)]
    [InlineData(1.7, 2)]
    [InlineData(2.3, 2)]
    [InlineData(2.31, 3)]
    public void InrPoints_AtEachBand_FollowTheTable(double inr, int points)
    {
        Assert.Equal(points, Calculate(inr: inr).InrPoints);
    }

    [Theory]
    [InlineData(Ascites.None, 1)]
    [InlineData(Ascites.Mild, 2)]
    [InlineData(Ascites.ModerateSevere, 3)]
    public void AscitesPoints_ForEachAnswer_FollowTheTable(Ascites ascites, int points)
    {
        Assert.Equal(points, Calculate(ascites: ascites).AscitesPoints);
    }

    [Theory]
    [InlineData(Encephalopathy.None, 1)]
    [InlineData(Encephalopathy.Grade1To2, 2)]
    [InlineData(Encephalopathy.Grade3To4, 3)]
    public void EncephalopathyPoints_ForEachAnswer_FollowTheTable(Encephalopathy encephalopathy, int points)
    {
        Assert.Equal(points, Calculate(encephalopathy: encephalopathy).EncephalopathyPoints);
    }

    [Theory]
    [InlineData(1.0, 3.8, 1.1, Ascites.None, Encephalopathy.None, "A5")]
    [InlineData(1.0, 3.8, 1.1, Ascites.Mild, Encephalopathy.None, "A6")]
    [InlineData(1.0, 3.8, 1.1, Ascites.Mild, Encephalopathy.Grade1To2, "B7")]
    [InlineData(1.0, 3.8, 1.1, Ascites.ModerateSevere, Encephalopathy.Grade3To4, "B9")]
    [InlineData(2.0, 3.8, 1.1, Ascites.ModerateSevere, Encephalopathy.Grade3To4, "C10")]
    [InlineData(3.5, 2.5, 2.5, Ascites.ModerateSevere, Encephalopathy.Grade3To4, "C15")]
    public void Class_AtScoreBoundaries_IsAUpToSixBUpToNineCFromTen(
        double bilirubin, double albumin, double inr, Ascites ascites, Encephalopathy encephalopathy, string expected)
    {
        ChildPugh childPugh = Calculate(bilirubin, albumin, inr, ascites, encephalopathy);

        Assert.Equal(expected, childPugh.Display);
        Assert.Equal(expected, childPugh.ToString());
    }

    [Fact]
    public void Score_IsTheSumOfTheFiveComponents()
    {
        ChildPugh childPugh = Calculate(bilirubin: 2.5, albumin: 2.5, inr: 1.1, ascites: Ascites.Mild, encephalopathy: Encephalopathy.None);

        Assert.Equal(2 + 3 + 1 + 2 + 1, childPugh.Score);
        Assert.Equal(ChildPughClass.B, childPugh.Class);
    }

    [Fact]
    public void Calculate_FromAnswers_MatchesCalculateFromValues()
    {
        QuestionnaireAnswers answers = TestAnswers.Eligible() with { BilirubinMgDl = 2.4m, Ascites = Ascites.Mild };

        Assert.Equal(
            Calculate(bilirubin: 2.4, ascites: Ascites.Mild),
            ChildPugh.Calculate(answers, EligibilityCriteria.Version1));
    }
}
