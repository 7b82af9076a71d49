using System.Net;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common.Security;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Referrals;
using Scheduling.TestSupport;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Start;

/// <summary>
/// The start page says what waits for the person signed in, each count a link, read through the real
/// sign-in form: the review queue with its oldest wait, the schedulers' queue, needs-attention list and
/// today's list, and an empty state in words when nothing waits. On an app and database of its own
/// (<see cref="OwnWebApp"/>): the review queue and the schedulers' counts are clinic-wide.
/// </summary>
public sealed class StartPagesTests(OwnWebApp app) : IClassFixture<OwnWebApp>
{
    private static DateTime Now => TimeProvider.System.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task RadiologistAndScheduler_SeeTheClinicsCounts_WithTheOldestWait_AndEmptyStatesInWords()
    {
        var radiologist = await WebApp.CreateUserAsync(app.Factory, Roles.Radiologist);
        var scheduler = await WebApp.CreateUserAsync(app.Factory, Roles.Scheduler);
        using var reviewer = WebApp.CreateClient(app.Factory);
        using var desk = WebApp.CreateClient(app.Factory);
        var reviewEmpty = await reviewer.LoginAsync(radiologist);
        var deskEmpty = await desk.LoginAsync(scheduler);
        Assert.Equal("No referral waits for review.", reviewEmpty.Document.QuerySelector("#review-empty")?.TextContent);
        Assert.Equal("No referral is waiting to be booked.", deskEmpty.Document.QuerySelector("#ready-empty")?.TextContent);
        Assert.StartsWith("Nothing needs attention", deskEmpty.Document.QuerySelector("#attention-empty")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("No patient is booked today.", deskEmpty.Document.QuerySelector("#today-empty")?.TextContent);

        // Three waiting for review (one urgent, the oldest sent 3 days and 2 hours ago), two ready to book
        // (one urgent), one not confirmed in time, one asking for another date, one on today's list.
        var doctor = await WebApp.CreateUserAsync(app.Factory, Roles.ReferringPhysician);
        await AddAsync(doctor.Id, "ReviewOld", r => { }, sentAt: Now.AddDays(-3).AddHours(-2));
        await AddAsync(doctor.Id, "ReviewUrgent", r => { }, urgency: Urgency.Urgent);
        await AddAsync(doctor.Id, "ReviewNew", r => { });
        var clinicTime = app.Factory.Services.GetRequiredService<ClinicTime>();
        var today = clinicTime.Today(TimeProvider.System);
        await WebApp.WithDbAsync(app.Factory, async db =>
        {
            var room = TestData.Room(Now);
            db.Rooms.Add(room);
            db.Referrals.Add(TestData.ReadyReferral(doctor.Id, Now.AddDays(-4), "ReadyOld"));
            db.Referrals.Add(TestData.ReadyReferral(doctor.Id, Now, "ReadyUrgent", Urgency.Urgent));
            var booked = Enumerable.Range(0, 3).Select(i => TestData.ReadyReferral(doctor.Id, Now, $"Booked{i}")).ToList();
            db.Referrals.AddRange(booked);
            var slots = new[]
            {
                TestData.Slot(room, clinicTime, today, new TimeOnly(23, 0), Now),
                TestData.Slot(room, clinicTime, today.AddDays(20), new TimeOnly(9, 30), Now),
                TestData.Slot(room, clinicTime, today.AddDays(21), new TimeOnly(9, 30), Now),
            };
            db.Slots.AddRange(slots);
            var bookings = booked.Zip(slots, (r, s) =>
            {
                r.MarkScheduled("Scheduled for the test.", Now, "scheduler");
                return Booking.Create(r.Id, s.Id, "scheduler", "test data", Now);
            }).ToList();
            bookings[1].MarkEscalated(Now);
            bookings[2].RequestReschedule(Now, "Mornings");
            db.Bookings.AddRange(bookings);
            return await db.SaveChangesAsync();
        });

        var review = await reviewer.GetAsync("/");
        var work = await desk.GetAsync("/");

        Assert.Equal("3 referrals wait for your review", review.Document.QuerySelector("#review-count")?.TextContent);
        Assert.Equal("/review", review.Document.QuerySelector("#review-count")?.GetAttribute("href"));
        Assert.Equal("1 urgent", review.Document.QuerySelector("#review-urgent")?.TextContent);
        Assert.StartsWith("The longest has waited 3 days, since ", review.Document.QuerySelector("#review-oldest")?.TextContent, StringComparison.Ordinal);
        Assert.Null(review.Document.QuerySelector("#ready-start"));

        Assert.Equal("2 referrals to book", work.Document.QuerySelector("#ready-count")?.TextContent);
        Assert.Equal("/scheduling/queue", work.Document.QuerySelector("#ready-count")?.GetAttribute("href"));
        Assert.Equal("1 urgent", work.Document.QuerySelector("#ready-urgent")?.TextContent);
        Assert.Equal("2 items to follow up", work.Document.QuerySelector("#attention-count")?.TextContent);
        Assert.Equal("/scheduling/attention", work.Document.QuerySelector("#attention-count")?.GetAttribute("href"));
        Assert.Equal("1 patient not confirmed in time", work.Document.QuerySelector("#attention-not-confirmed")?.TextContent);
        Assert.Equal("1 patient asked for another date", work.Document.QuerySelector("#attention-another-date")?.TextContent);
        Assert.Equal("1 patient on today's list", work.Document.QuerySelector("#today-count")?.TextContent);
        Assert.Equal("/scheduling/day", work.Document.QuerySelector("#today-count")?.GetAttribute("href"));
        Assert.Null(work.Document.QuerySelector("#review-start"));
        Assert.Null(work.Document.QuerySelector("#doctor-start"));
        Assert.DoesNotContain("Booked", work.Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    private Task<Guid> AddAsync(string doctorId, string lastName, Action<Referral>? then = null, bool submit = true, DateTime? sentAt = null, Urgency urgency = Urgency.Routine) =>
        StartData.AddReferralAsync(app.Factory, doctorId, lastName, then, submit, sentAt, urgency);
}

/// <summary>Referrals in the states a start page counts, written as the real flow leaves them.</summary>
public static class StartData
{
    private static DateTime Now => TimeProvider.System.GetUtcNow().UtcDateTime;

    /// <summary>A referral of the doctor's, sent (it waits for review: ECOG 1) and then <paramref name="then"/>, or left a draft.</summary>
    public static async Task<Guid> AddReferralAsync(SchedulingWebFactory factory, string doctorId, string lastName, Action<Referral>? then = null, bool submit = true, DateTime? sentAt = null, Urgency urgency = Urgency.Routine)
    {
        var at = sentAt ?? Now;
        var referral = Referral.CreateDraft(doctorId, TestData.ReferralDetails(lastName, urgency), at);
        if (submit)
        {
            var answers = TestData.EligibleAnswers(DateOnly.FromDateTime(at).AddDays(-3)) with { Ecog = 1 };
            referral.Submit(answers, "{}", EligibilityEvaluator.Evaluate(answers, EligibilityCriteria.Version1), "[]", at, TestData.DoctorName);
            Assert.Equal(ReferralStatus.AwaitingReview, referral.Status);
            then?.Invoke(referral);
        }

        return await WebApp.WithDbAsync(factory, async db =>
        {
            db.Referrals.Add(referral);
            await db.SaveChangesAsync();
            return referral.Id;
        });
    }
}
