using Scheduling.Application.Common.Display;
using Scheduling.Application.Common.Security;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Capacity;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Messaging;
using Scheduling.Domain.Referrals;
using Scheduling.Web.Models.Referrals;

namespace Scheduling.WebTests.Display;

/// <summary>Every machine name a page can show has words for people; a new enum member or kind without them fails here.</summary>
public sealed class DisplayNamesTests
{
    [Fact]
    public void EveryEnumValueShownOnAPage_HasADisplayNameThatIsNotItsIdentifier()
    {
        var names = new List<(string Identifier, string Shown)>();
        names.AddRange(Enum.GetValues<PatientSex>().Select(v => (v.ToString(), DisplayNames.For(v))));
        names.AddRange(Enum.GetValues<Urgency>().Select(v => (v.ToString(), DisplayNames.For(v))));
        names.AddRange(Enum.GetValues<ReferralStatus>().Select(v => (v.ToString(), DisplayNames.For(v))));
        names.AddRange(Enum.GetValues<EligibilityOutcome>().Select(v => (v.ToString(), DisplayNames.For(v))));
        names.AddRange(Enum.GetValues<BookingStatus>().Select(v => (v.ToString(), DisplayNames.For(v))));
        names.AddRange(Enum.GetValues<PrimaryDiagnosis>().Select(v => (v.ToString(), DisplayNames.For(v))));
        names.AddRange(Enum.GetValues<BclcStage>().Select(v => (v.ToString(), DisplayNames.For(v))));
        names.AddRange(Enum.GetValues<Ascites>().Select(v => (v.ToString(), DisplayNames.For(v))));
        names.AddRange(Enum.GetValues<Encephalopathy>().Select(v => (v.ToString(), DisplayNames.For(v))));
        names.AddRange(Enum.GetValues<PortalVeinStatus>().Select(v => (v.ToString(), DisplayNames.For(v))));
        names.AddRange(Enum.GetValues<ContrastReaction>().Select(v => (v.ToString(), DisplayNames.For(v))));
        names.AddRange(Enum.GetValues<Pregnancy>().Select(v => (v.ToString(), DisplayNames.For(v))));
        names.AddRange(Enum.GetValues<ResourceKind>().Select(v => (v.ToString(), DisplayNames.For(v))));
        names.AddRange(Enum.GetValues<ResourceKind>().Select(v => (v.ToString(), DisplayNames.Plural(v))));
        names.AddRange(Enum.GetValues<UnavailabilityKind>().Select(v => (v.ToString(), DisplayNames.For(v))));
        names.AddRange(new[] { Roles.ReferringPhysician, Roles.Radiologist, Roles.Scheduler, Roles.Admin }.Select(r => (r, DisplayNames.Role(r))));
        names.AddRange(MessageKinds.All.Select(k => (k.Kind, DisplayNames.MessageKind(k.Kind))));
        names.AddRange(new[] { "Submitted", "Assessed", "InformationRequested", "Resubmitted", "Updated", "RescheduleRequested", "NoShow", "NotConfirmed", "CancelledByPatient" }
            .Select(k => (k, DisplayNames.TimelineKind(k))));

        Assert.All(names, n =>
        {
            Assert.False(string.IsNullOrWhiteSpace(n.Shown), n.Identifier);
            Assert.False(IsIdentifier(n.Shown), $"{n.Identifier} is shown as \"{n.Shown}\"");
        });
        Assert.Equal("Hepatocellular carcinoma (HCC)", DisplayNames.For(PrimaryDiagnosis.Hcc));
        Assert.Equal("Main portal vein thrombosis or hepatofugal flow", DisplayNames.For(PortalVeinStatus.MainThrombusOrHepatofugal));
        Assert.Equal("Referring doctor", DisplayNames.Role(Roles.ReferringPhysician));
        Assert.Equal("Patient: appointment booked", DisplayNames.MessageKind(MessageKinds.PatientBooked));
    }

    [Fact]
    public void QuestionNumbers_RunFromOneToTwentyInTheFormsOrder_KeepingTheCriterionIds()
    {
        var formOrder = new[] { 1, 2, 10, 11, 12, 5, 6, 7, 8, 9, 3, 20, 4, 15, 16, 17, 18, 19, 14, 13 };

        Assert.Equal(Enumerable.Range(1, 20).Select(n => $"{n}."), formOrder.Select(c => QuestionNumbers.For(c)));
        Assert.Equal("5b.", QuestionNumbers.For(12, 'b'));
        Assert.Throws<ArgumentOutOfRangeException>(() => QuestionNumbers.For(21));
    }

    /// <summary>A single word with a capital inside ("PendingConfirmation", "Hcc" is caught by the list above).</summary>
    private static bool IsIdentifier(string text) =>
        !text.Contains(' ', StringComparison.Ordinal) && text.Skip(1).Any(char.IsUpper);
}
