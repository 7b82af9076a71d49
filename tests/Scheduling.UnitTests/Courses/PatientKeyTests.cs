using Scheduling.Domain.Patients;

namespace Scheduling.UnitTests.Courses;

/// <summary>When two referrals look like one person: the same MRN, or the same name and date of birth, compared without case or spacing.</summary>
public sealed class PatientKeyTests
{
    private static readonly DateOnly Born = new(1958, 4, 12);

    [Fact]
    public void TheSameMrn_OrTheSameNameAndBirthDate_Match_WhateverTheCaseAndSpaces()
    {
        var key = new PatientKey("MRN-1", "ADA", "OKAFOR", Born);

        Assert.Equal("Same MRN", key.MatchReason(new PatientKey("MRN-1", "GRACE", "HOPPER", Born.AddDays(3))));
        Assert.Equal("Same name and date of birth", key.MatchReason(new PatientKey(null, "ADA", "OKAFOR", Born)));
        Assert.Equal("Same MRN, name and date of birth", key.MatchReason(key));
        Assert.Null(key.MatchReason(new PatientKey("MRN-2", "ADA", "OKAFOR", Born.AddDays(1))));
        Assert.Null(new PatientKey(null, "A", "B", Born).MatchReason(new PatientKey(null, "A", "C", Born)));
        Assert.Equal("VAN DER BERG", PatientKey.Normalize("  van   der Berg "));
    }
}
