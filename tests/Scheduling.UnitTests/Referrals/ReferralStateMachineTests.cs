using Scheduling.Domain.Common;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Referrals;
using Scheduling.TestSupport;
using Scheduling.UnitTests.Eligibility;

namespace Scheduling.UnitTests.Referrals;

public sealed class ReferralStateMachineTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 14, 0, 0, DateTimeKind.Utc);

    private static readonly ReferralDetails Details = TestData.ReferralDetails();

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
            ("withdraw", r => r.Withdraw("reason", Now, "Dr. D"), [ReferralStatus.Draft, ReferralStatus.AwaitingReview, ReferralStatus.ReadyToSchedule, ReferralStatus.InformationRequested]),
            ("request information", r => r.RequestInformation("Send the latest CT report.", Now, "Dr. R"), [ReferralStatus.AwaitingReview]),
            ("resubmit", r => Resubmit(r, TestAnswers.Eligible()), [ReferralStatus.AwaitingReview, ReferralStatus.ReadyToSchedule, ReferralStatus.InformationRequested]),
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

    [Fact]
    public void RequestInformation_WithoutAMessage_IsRefused()
    {
        var referral = InStatus(ReferralStatus.AwaitingReview);

        Assert.Throws<DomainException>(() => referral.RequestInformation("  ", Now, "Dr. R"));
        Assert.Equal(ReferralStatus.AwaitingReview, referral.Status);
    }

    [Fact]
    public void RequestInformation_KeepsTheMessageAndWhoAsked_AndTheDoctorMayThenUpdateAndWithdraw()
    {
        var referral = InStatus(ReferralStatus.AwaitingReview);

        referral.RequestInformation("Please send labs from this week.", Now, "Dr. R");

        Assert.Equal(ReferralStatus.InformationRequested, referral.Status);
        Assert.Equal("Please send labs from this week.", referral.DecisionReason);
        Assert.Equal("Dr. R", referral.DecidedBy);
        Assert.Equal("InformationRequested", referral.Events[^1].Kind);
        Assert.Contains("Please send labs from this week.", referral.Events[^1].Text, StringComparison.Ordinal);
        Assert.True(referral.CanBeUpdatedByDoctor && referral.CanBeWithdrawn && referral.CanAddAttachments);
        Assert.False(referral.CanBeReviewed);
        Assert.False(referral.CanBeScheduled);
    }

    [Fact]
    public void Resubmit_AfterAnInformationRequest_IsAssessedAgain_AndBothAssessmentsStayOnTheTimeline()
    {
        var referral = InStatus(ReferralStatus.AwaitingReview);
        referral.RequestInformation("ECOG again, please.", Now, "Dr. R");

        Resubmit(referral, TestAnswers.Eligible());

        Assert.Equal(ReferralStatus.ReadyToSchedule, referral.Status);
        Assert.Equal(EligibilityOutcome.Eligible, referral.Outcome);
        Assert.Equal(Now.AddHours(1), referral.ReadyToScheduleSinceUtc);
        var assessments = referral.Events.Where(e => e.Kind == "Assessed").Select(e => e.Text).ToList();
        Assert.Equal(2, assessments.Count);
        Assert.Contains("needs review", assessments[0], StringComparison.Ordinal);
        Assert.Contains("ECOG", assessments[0], StringComparison.Ordinal);
        Assert.Contains("eligible. Ready to schedule", assessments[1], StringComparison.Ordinal);
        Assert.Contains(referral.Events, e => e.Kind == "Resubmitted");
    }

    [Fact]
    public void Update_OfAnApprovedReferral_ThatIsNoLongerEligible_GoesBackToReviewAndLeavesTheQueue()
    {
        var referral = InStatus(ReferralStatus.ReadyToSchedule);

        Resubmit(referral, TestAnswers.Eligible() with { Ecog = 2 });

        Assert.Equal(ReferralStatus.AwaitingReview, referral.Status);
        Assert.Null(referral.ReadyToScheduleSinceUtc);
        Assert.Contains(referral.Events, e => e.Kind == "Updated");
    }

    [Fact]
    public void Update_OfAnEligibleReferralInTheQueue_KeepsItsPlaceAndTheNewDates()
    {
        var referral = InStatus(ReferralStatus.ReadyToSchedule);
        var since = referral.ReadyToScheduleSinceUtc;
        var answers = TestAnswers.Eligible() with { LabsDrawnOn = new DateOnly(2026, 3, 1) };

        Resubmit(referral, answers);

        Assert.Equal(ReferralStatus.ReadyToSchedule, referral.Status);
        Assert.Equal(since, referral.ReadyToScheduleSinceUtc);
        Assert.Equal(new DateOnly(2026, 3, 1), referral.LabsDrawnOn);
    }

    private static void Resubmit(Referral referral, QuestionnaireAnswers answers) =>
        referral.Resubmit(Details, answers, "{}", EligibilityEvaluator.Evaluate(answers, EligibilityCriteria.Version1), "[]", Now.AddHours(1), "Dr. D");

    private static void Submit(Referral referral, QuestionnaireAnswers answers) =>
        referral.Submit(answers, "{}", EligibilityEvaluator.Evaluate(answers, EligibilityCriteria.Version1), "[]", Now, "Dr. D");

    /// <summary>Walks a fresh referral to the status through legal transitions only (also used by the booking tests).</summary>
    internal static Referral InStatus(ReferralStatus status)
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
            case ReferralStatus.InformationRequested:
                Submit(referral, TestAnswers.Eligible() with { Ecog = 1 });
                referral.RequestInformation("More, please.", Now, "Dr. R");
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
