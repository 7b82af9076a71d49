using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Referrals;
using Scheduling.TestSupport;
using Scheduling.UnitTests.Eligibility;

namespace Scheduling.UnitTests.Referrals;

/// <summary>
/// The queues' stored order (<see cref="Referral.QueueRank"/>, <see cref="Referral.QueueSinceUtc"/>)
/// follows the urgency and the status it derives from at every transition.
/// </summary>
public sealed class ReferralQueueOrderTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 14, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void ADraft_IsInNoQueue_AndRanksByItsUrgency()
    {
        var routine = Referral.CreateDraft("doctor-1", TestData.ReferralDetails(), Now);
        var urgent = Referral.CreateDraft("doctor-1", TestData.ReferralDetails(urgency: Urgency.Urgent), Now);

        Assert.Null(routine.QueueSinceUtc);
        Assert.Equal(Referral.RoutineRank, routine.QueueRank);
        Assert.Equal(Referral.UrgentRank, urgent.QueueRank);

        urgent.UpdateDraft(TestData.ReferralDetails(), null, Now.AddMinutes(1));

        Assert.Equal(Referral.RoutineRank, urgent.QueueRank);
    }

    [Fact]
    public void AwaitingReview_WaitsSinceItWasSent_AndKeepsThatAfterMoreInformationWasAskedFor()
    {
        var referral = Referral.CreateDraft("doctor-1", TestData.ReferralDetails(), Now.AddDays(-1));
        Submit(referral, TestAnswers.Eligible() with { Ecog = 1 }, Now);

        Assert.Equal(ReferralStatus.AwaitingReview, referral.Status);
        Assert.Equal(Now, referral.QueueSinceUtc);

        referral.RequestInformation("Current ECOG?", Now.AddHours(1), "Dr. R");
        Assert.Null(referral.QueueSinceUtc);

        Resubmit(referral, TestAnswers.Eligible() with { Ecog = 1 }, Urgency.Urgent, Now.AddHours(2));
        Assert.Equal(ReferralStatus.AwaitingReview, referral.Status);
        Assert.Equal(Now, referral.QueueSinceUtc);
        Assert.Equal(Referral.UrgentRank, referral.QueueRank);
    }

    [Fact]
    public void ReadyToSchedule_WaitsSinceItEnteredTheQueue_LeavesItWhenBooked_AndReentersWhenTheBookingIsCancelled()
    {
        var referral = Referral.CreateDraft("doctor-1", TestData.ReferralDetails(), Now);
        Submit(referral, TestAnswers.Eligible() with { Ecog = 1 }, Now);
        referral.Approve(null, Now.AddHours(3), "Dr. R");

        Assert.Equal(Now.AddHours(3), referral.QueueSinceUtc);
        Assert.Equal(Referral.RoutineRank, referral.QueueRank);

        Resubmit(referral, TestAnswers.Eligible(), Urgency.Urgent, Now.AddHours(4));
        Assert.Equal(Now.AddHours(3), referral.QueueSinceUtc);
        Assert.Equal(Referral.UrgentRank, referral.QueueRank);

        referral.MarkScheduled("Booked.", Now.AddHours(5), "scheduler");
        Assert.Null(referral.QueueSinceUtc);

        referral.ReturnToQueue("BookingCancelled", "Cancelled.", Now.AddDays(2), "scheduler");
        Assert.Equal(Now.AddDays(2), referral.QueueSinceUtc);

        referral.Cancel("Patient declined treatment.", Now.AddDays(3), "scheduler");
        Assert.Null(referral.QueueSinceUtc);
    }

    private static void Submit(Referral referral, QuestionnaireAnswers answers, DateTime at) =>
        referral.Submit(answers, "{}", EligibilityEvaluator.Evaluate(answers, EligibilityCriteria.Version1), "[]", at, "Dr. D");

    private static void Resubmit(Referral referral, QuestionnaireAnswers answers, Urgency urgency, DateTime at) =>
        referral.Resubmit(TestData.ReferralDetails(urgency: urgency), answers, "{}", EligibilityEvaluator.Evaluate(answers, EligibilityCriteria.Version1), "[]", at, "Dr. D");
}
