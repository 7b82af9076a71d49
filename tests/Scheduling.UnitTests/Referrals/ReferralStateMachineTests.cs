using Scheduling.Domain.Common;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Referrals;
using Scheduling.UnitTests.Eligibility;

namespace Scheduling.UnitTests.Referrals;

public sealed class ReferralStateMachineTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 14, 0, 0, DateTimeKind.Utc);

    private static readonly ReferralDetails Details = new(
        "Ada", "Okafor", new DateOnly(1958, 4, 12), PatientSex.Female, "+1 555 0100", "ada@example.com", "English",
        null, "Riverside Oncology", "Dr. Dana", "HCC", "C22.0", Urgency.Routine, null);

    public static TheoryData<string> AllStatuses => new(Enum.GetNames<ReferralStatus>().Where(s => s != nameof(ReferralStatus.Submitted)));

    [Theory]
    [MemberData(nameof(AllStatuses))]
    public void EveryTransition_FromEachStatus_IsAllowedOnlyFromItsSourceStatus(string statusName)
    {
        var status = Enum.Parse<ReferralStatus>(statusName);
        var transitions = new (string Name, Action<Referral> Act, ReferralStatus[] AllowedFrom)[]
        {
            ("update draft", r => r.UpdateDraft(Details, "{}", Now), [ReferralStatus.Draft]),
            ("submit", r => Submit(r, TestAnswers.Eligible()), [ReferralStatus.Draft]),
            ("approve", r => r.Approve(null, Now, "Dr. R"), [ReferralStatus.AwaitingReview]),
            ("decline", r => r.Decline("reason", Now, "Dr. R"), [ReferralStatus.AwaitingReview]),
            ("withdraw", r => r.Withdraw("reason", Now, "Dr. D"), [ReferralStatus.Draft, ReferralStatus.AwaitingReview, ReferralStatus.ReadyToSchedule]),
            ("schedule", r => r.MarkScheduled("Tue 09:30", Now, "Sam"), [ReferralStatus.ReadyToSchedule]),
            ("return to queue", r => r.ReturnToQueue("Cancelled", "Booking cancelled", Now, "Sam"), [ReferralStatus.Scheduled]),
            ("complete", r => r.MarkCompleted("Done", Now, "Sam"), [ReferralStatus.Scheduled]),
            ("cancel", r => r.Cancel("reason", Now, "Sam"), [ReferralStatus.ReadyToSchedule, ReferralStatus.Scheduled]),
        };

        foreach (var (name, act, allowedFrom) in transitions)
        {
            var referral = InStatus(status);
            if (allowedFrom.Contains(status))
            {
                act(referral);
            }
            else
            {
                var events = referral.Events.Count;
                Assert.Throws<DomainException>(() => act(referral));
                Assert.Equal(status, referral.Status);
                Assert.True(events == referral.Events.Count, $"'{name}' from {status} left a timeline event behind.");
            }
        }
    }

    [Fact]
    public void Approve_OfAnIneligibleOutcome_IsRefused_OnlyOverrideWithJustificationWorks()
    {
        var referral = Referral.CreateDraft("doctor-1", Details, Now);
        Submit(referral, TestAnswers.Eligible() with { PortalVein = PortalVeinStatus.MainThrombusOrHepatofugal });

        Assert.Throws<DomainException>(() => referral.Approve("looks fine", Now, "Dr. R"));
        Assert.Throws<DomainException>(() => referral.Override("  ", Now, "Dr. R"));
        Assert.Equal(ReferralStatus.AwaitingReview, referral.Status);

        referral.Override("Tumour board agreed.", Now, "Dr. R");

        Assert.Equal(ReferralStatus.ReadyToSchedule, referral.Status);
        Assert.Equal("Tumour board agreed.", referral.DecisionReason);
    }

    [Fact]
    public void Override_OfANeedsReviewOutcome_IsRefused()
    {
        var referral = Referral.CreateDraft("doctor-1", Details, Now);
        Submit(referral, TestAnswers.Eligible() with { Ecog = 1 });

        Assert.Throws<DomainException>(() => referral.Override("Because.", Now, "Dr. R"));
        Assert.Equal(ReferralStatus.AwaitingReview, referral.Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void DeclineAndWithdraw_WithoutAReason_AreRefused(string? reason)
    {
        var referral = Referral.CreateDraft("doctor-1", Details, Now);
        Submit(referral, TestAnswers.Eligible() with { Ecog = 1 });

        Assert.Throws<DomainException>(() => referral.Decline(reason!, Now, "Dr. R"));
        Assert.Throws<DomainException>(() => referral.Withdraw(reason!, Now, "Dr. D"));
        Assert.Equal(ReferralStatus.AwaitingReview, referral.Status);
    }

    [Fact]
    public void Attachments_CanBeAddedWhileOpenAndRemovedOnlyFromADraft()
    {
        var referral = Referral.CreateDraft("doctor-1", Details, Now);
        Assert.True(referral.CanAddAttachments && referral.CanRemoveAttachments);

        Submit(referral, TestAnswers.Eligible());

        Assert.True(referral.CanAddAttachments);
        Assert.False(referral.CanRemoveAttachments);
        referral.Withdraw("No longer needed.", Now, "Dr. D");
        Assert.False(referral.CanAddAttachments);
    }

    private static void Submit(Referral referral, QuestionnaireAnswers answers) =>
        referral.Submit(answers, "{}", EligibilityEvaluator.Evaluate(answers, EligibilityCriteria.Version1), "[]", Now, "Dr. D");

    /// <summary>Walks a fresh referral to the status through legal transitions only.</summary>
    private static Referral InStatus(ReferralStatus status)
    {
        var referral = Referral.CreateDraft("doctor-1", Details, Now);
        switch (status)
        {
            case ReferralStatus.Draft:
                break;
            case ReferralStatus.AwaitingReview:
                Submit(referral, TestAnswers.Eligible() with { Ecog = 1 });
                break;
            case ReferralStatus.ReadyToSchedule:
                Submit(referral, TestAnswers.Eligible());
                break;
            case ReferralStatus.Declined:
                Submit(referral, TestAnswers.Eligible() with { Ecog = 1 });
                referral.Decline("No.", Now, "Dr. R");
                break;
            case ReferralStatus.Withdrawn:
                referral.Withdraw("No.", Now, "Dr. D");
                break;
            case ReferralStatus.Scheduled:
                Submit(referral, TestAnswers.Eligible());
                referral.MarkScheduled("Tue", Now, "Sam");
                break;
            case ReferralStatus.Completed:
                Submit(referral, TestAnswers.Eligible());
                referral.MarkScheduled("Tue", Now, "Sam");
                referral.MarkCompleted("Done", Now, "Sam");
                break;
            case ReferralStatus.Cancelled:
                Submit(referral, TestAnswers.Eligible());
                referral.Cancel("No.", Now, "Sam");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(status), status, "Submitted is transient inside Submit.");
        }

        Assert.Equal(status, referral.Status);
        return referral;
    }
}
