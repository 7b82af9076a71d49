using System.Net;

using AngleSharp.Dom;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Security;
using Scheduling.Domain.Referrals;
using Scheduling.TestSupport;
using Scheduling.WebTests.Infrastructure;
using Scheduling.WebTests.Start;

namespace Scheduling.WebTests.Referrals;

/// <summary>
/// The review and scheduling queues a page at a time, through the real pages: the count in words, the
/// rows of page 2 in the queue's order (urgent first, then the longest waiting), a page past the end
/// shows the last page, the page links in a labelled navigation with the current page marked; and the
/// stored order follows the referral when its urgency or status changes. On an app of its own
/// (<see cref="OwnWebApp"/>): the queues are clinic-wide.
/// </summary>
public sealed class QueuePagingTests(OwnWebApp app) : IClassFixture<OwnWebApp>
{
    private static DateTime Now => TimeProvider.System.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task TheReviewQueue_IsPaged_WithItsCount_UrgentFirstThenTheLongestWaiting()
    {
        var doctor = await WebApp.CreateUserAsync(app.Factory, Roles.ReferringPhysician);
        var routine = new List<Guid>();
        for (var i = 0; i < 53; i++)
        {
            routine.Add(await StartData.AddReferralAsync(app.Factory, doctor.Id, $"Review{i:D2}", sentAt: Now.AddHours(-100 + i)));
        }

        var urgent = new[]
        {
            await StartData.AddReferralAsync(app.Factory, doctor.Id, "UrgentOld", sentAt: Now.AddHours(-10), urgency: Urgency.Urgent),
            await StartData.AddReferralAsync(app.Factory, doctor.Id, "UrgentNew", sentAt: Now.AddHours(-5), urgency: Urgency.Urgent),
        };
        var expected = urgent.Concat(routine).ToList();
        using var radiologist = WebApp.CreateClient(app.Factory);
        await radiologist.LoginAsync(await WebApp.CreateUserAsync(app.Factory, Roles.Radiologist));

        var first = await radiologist.GetAsync("/review");
        var second = await radiologist.GetAsync("/review?page=2");
        var past = await radiologist.GetAsync("/review?page=40");
        var before = await radiologist.GetAsync("/review?page=0");

        Assert.Equal(expected.Take(50), Rows(first, "table.review-queue"));
        Assert.Equal("Showing 1–50 of 55 referrals awaiting review", Summary(first));
        Assert.Equal(expected.Skip(50), Rows(second, "table.review-queue"));
        Assert.Equal("Showing 51–55 of 55 referrals awaiting review", Summary(second));
        Assert.Equal(HttpStatusCode.OK, past.Status);
        Assert.Equal(expected.Skip(50), Rows(past, "table.review-queue"));
        Assert.Equal(expected.Take(50), Rows(before, "table.review-queue"));

        var nav = Assert.Single(first.Document.QuerySelectorAll("nav[aria-label='Pages of the review queue']"));
        Assert.Equal("1", nav.QuerySelector("[aria-current='page']")?.TextContent.Replace("Page ", "", StringComparison.Ordinal));
        Assert.Equal("/review?page=2", nav.QuerySelectorAll("a").Single(a => a.TextContent == "Next page").GetAttribute("href"));
        Assert.Equal("2", Assert.Single(second.Document.QuerySelectorAll("[aria-current='page']")).TextContent.Replace("Page ", "", StringComparison.Ordinal));
        Assert.Equal("/review?page=1", second.Document.QuerySelectorAll("nav a").Single(a => a.TextContent == "Previous page").GetAttribute("href"));
        Assert.DoesNotContain(second.Document.QuerySelectorAll("nav a"), a => a.TextContent == "Next page");
    }

    [Fact]
    public async Task TheSchedulingQueue_IsPagedInItsStoredOrder_WhichFollowsUrgencyAndReturnsToTheQueue()
    {
        var doctor = await WebApp.CreateUserAsync(app.Factory, Roles.ReferringPhysician);
        var ready = Enumerable.Range(0, 103).Select(i => TestData.ReadyReferral(doctor.Id, Now.AddHours(-200 + i), $"Ready{i:D3}")).ToList();
        await WebApp.WithDbAsync(app.Factory, db =>
        {
            db.Referrals.AddRange(ready);
            return db.SaveChangesAsync();
        });
        var ids = ready.Select(r => r.Id).ToList();
        using var scheduler = WebApp.CreateClient(app.Factory);
        await scheduler.LoginAsync(await WebApp.CreateUserAsync(app.Factory, Roles.Scheduler));

        var first = await scheduler.GetAsync("/scheduling/queue");
        var second = await scheduler.GetAsync("/scheduling/queue?page=2");
        Assert.Equal(ids.Take(100), Rows(first, "table.scheduling-queue"));
        Assert.Equal("Showing 1–100 of 103 referrals ready to schedule", Summary(first));
        Assert.Equal(ids.Skip(100), Rows(second, "table.scheduling-queue"));
        Assert.Equal("Showing 101–103 of 103 referrals ready to schedule", Summary(second));
        Assert.Equal(ids.Skip(100), Rows(await scheduler.GetAsync("/scheduling/queue?page=5"), "table.scheduling-queue"));

        // The newest becomes urgent (the doctor's update): it goes to the top. The oldest is booked
        // and the booking cancelled: it enters the queue again now, so it goes to the end.
        var newest = ids[^1];
        var oldest = ids[0];
        await WebApp.WithDbAsync(app.Factory, async db =>
        {
            var becomesUrgent = await db.Referrals.SingleAsync(r => r.Id == newest);
            var answers = TestData.EligibleAnswers(DateOnly.FromDateTime(Now).AddDays(-3));
            becomesUrgent.Resubmit(TestData.ReferralDetails("Ready102", Urgency.Urgent), answers, "{}",
                Domain.Eligibility.EligibilityEvaluator.Evaluate(answers, Domain.Eligibility.EligibilityCriteria.Version1), "[]", Now, TestData.DoctorName);
            var returns = await db.Referrals.SingleAsync(r => r.Id == oldest);
            returns.MarkScheduled("Scheduled for the test.", Now, "scheduler");
            returns.ReturnToQueue("BookingCancelled", "The booking was cancelled.", Now.AddMinutes(1), "scheduler");
            return await db.SaveChangesAsync();
        });

        var after = Rows(await scheduler.GetAsync("/scheduling/queue"), "table.scheduling-queue");
        var last = Rows(await scheduler.GetAsync("/scheduling/queue?page=2"), "table.scheduling-queue");

        Assert.Equal([newest, .. ids.Skip(1).Take(99)], after);
        Assert.Equal([.. ids.Skip(100).Take(2), oldest], last);
    }

    private static List<Guid> Rows(Page page, string table) =>
        page.Document.QuerySelectorAll($"{table} tbody tr").Select(tr => Guid.Parse(tr.GetAttribute("data-referral-id")!)).ToList();

    private static string? Summary(Page page) => page.Document.QuerySelector(".pager-summary")?.TextContent;
}
