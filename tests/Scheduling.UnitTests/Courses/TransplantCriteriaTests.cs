using Scheduling.Domain.Courses;

namespace Scheduling.UnitTests.Courses;

/// <summary>Milan and the UNOS downstaging entry criteria at their boundaries, from the lesions recorded at one scan (mm).</summary>
public sealed class TransplantCriteriaTests
{
    private static TransplantEvaluation Evaluate(int[] lesions, bool vascular = false, bool extrahepatic = false) =>
        Transplant.Evaluate(new TumourBurden(lesions, vascular, extrahepatic), new TransplantCriteria());

    [Theory]
    [InlineData(new[] { 50 }, true)]
    [InlineData(new[] { 51 }, false)]
    [InlineData(new[] { 30, 30 }, true)]
    [InlineData(new[] { 30, 30, 30 }, true)]
    [InlineData(new[] { 31, 20 }, false)]
    [InlineData(new[] { 10, 10, 10, 10 }, false)]
    [InlineData(new int[0], true)]
    public void Milan_OneLesionUpTo5cm_OrTwoToThreeEachUpTo3cm(int[] lesions, bool within)
    {
        Assert.Equal(within, Evaluate(lesions).WithinMilan);
    }

    [Fact]
    public void Milan_IsExcludedByMacrovascularInvasionOrExtrahepaticSpread_WhateverTheSizes()
    {
        var vascular = Evaluate([20], vascular: true);
        var spread = Evaluate([20], extrahepatic: true);

        Assert.False(vascular.WithinMilan);
        Assert.Equal("Beyond Milan: macrovascular invasion.", vascular.MilanReason);
        Assert.Equal(DownstagingStatus.Beyond, vascular.Downstaging);
        Assert.False(spread.WithinMilan);
        Assert.Equal(DownstagingStatus.Beyond, spread.Downstaging);
    }

    [Fact]
    public void WithinMilan_NeedsNoDownstaging_AndSaysWhy()
    {
        var result = Evaluate([50]);

        Assert.Equal("Within Milan: one lesion of 5.0 cm (up to 5.0 cm).", result.MilanReason);
        Assert.Equal(DownstagingStatus.NotNeeded, result.Downstaging);
    }

    [Theory]
    [InlineData(new[] { 80 }, DownstagingStatus.Eligible)]
    [InlineData(new[] { 81 }, DownstagingStatus.Beyond)]
    [InlineData(new[] { 50, 30 }, DownstagingStatus.Eligible)]
    [InlineData(new[] { 49, 30, 1 }, DownstagingStatus.Eligible)]
    [InlineData(new[] { 50, 30, 1 }, DownstagingStatus.Beyond)]
    [InlineData(new[] { 51, 10 }, DownstagingStatus.Beyond)]
    [InlineData(new[] { 50, 31 }, DownstagingStatus.Beyond)]
    [InlineData(new[] { 29, 29, 10, 10 }, DownstagingStatus.Eligible)]
    [InlineData(new[] { 20, 20, 20, 20 }, DownstagingStatus.Eligible)]
    [InlineData(new[] { 20, 20, 20, 21 }, DownstagingStatus.Beyond)]
    [InlineData(new[] { 30, 10, 10, 10 }, DownstagingStatus.Beyond)]
    [InlineData(new[] { 10, 10, 10, 10, 10 }, DownstagingStatus.Eligible)]
    [InlineData(new[] { 10, 10, 10, 10, 10, 10 }, DownstagingStatus.Beyond)]
    public void DownstagingEntry_AtEachBoundary(int[] lesions, DownstagingStatus expected)
    {
        var result = Evaluate(lesions);

        Assert.False(result.WithinMilan);
        Assert.Equal(expected, result.Downstaging);
    }

    [Fact]
    public void EveryEvaluation_NamesThePolicyVersion()
    {
        var criteria = new TransplantCriteria { PolicyVersion = "OPTN policy 9, as of 2026" };

        Assert.Equal("OPTN policy 9, as of 2026", Transplant.Evaluate(new TumourBurden([20], false, false), criteria).RuleVersion);
        Assert.Empty(criteria.Validate());
        Assert.NotEmpty(new TransplantCriteria { MilanSingleMaxMm = 0 }.Validate());
    }
}
