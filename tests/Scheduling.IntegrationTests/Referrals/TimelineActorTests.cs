using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Bookings;
using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Common;
using Scheduling.Infrastructure.Identity;
using Scheduling.TestSupport;
using Scheduling.TestSupport.Databases;

namespace Scheduling.IntegrationTests.Referrals;

/// <summary>
/// One scheme for who did what on a timeline: the person's full name is shown and their account id
/// is kept beside it, whether the line comes from a booking or a referral use case.
/// </summary>
public sealed class TimelineActorTests
{
    private static readonly DateOnly Tuesday10Mar = new(2026, 3, 10);

    [Fact]
    public async Task ABooking_PutsTheSchedulersFullNameAndAccountOnTheTimeline_AndTheBookingPageShowsTheFullName()
    {
        await using var database = SqliteTestDatabase.Create();
        await using var app = await TestApp.StartAsync(database, TestContext.Current.CancellationToken);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var scenario = await app.WithDbAsync(db => TestData.SeedAsync(db, now, referrals: 1));
        var slot = TestData.Slot(scenario.Room, app.Services.GetRequiredService<ClinicTime>(), Tuesday10Mar, new TimeOnly(9, 30), now);
        var scheduler = await AddAccountAsync(app, "Sam Scheduler");
        await app.WithDbAsync(async db =>
        {
            db.Slots.Add(slot);
            await db.SaveChangesAsync();
        });
        app.User.SignInAs(scheduler.Id, scheduler.Email!, Roles.Scheduler);

        var booked = await app.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, slot.Id, null), TestContext.Current.CancellationToken);

        Assert.True(booked.IsSuccess);
        var line = await app.WithDbAsync(db => db.ReferralEvents.AsNoTracking().SingleAsync(e => e.ReferralId == scenario.Referrals[0].Id && e.Kind == "Scheduled"));
        Assert.Equal(("Sam Scheduler", scheduler.Id), (line.Actor, line.ActorUserId));
        var detail = await app.SendAsync(new GetBooking.Query(booked.Value), TestContext.Current.CancellationToken);
        Assert.Equal("Sam Scheduler", detail.Value.BookedBy);
        Assert.Equal("Sam Scheduler", detail.Value.Timeline.Single(e => e.Kind == "Scheduled").Actor);
    }

    [Fact]
    public async Task AWithdrawal_PutsTheDoctorsFullNameAndAccountOnTheTimeline()
    {
        await using var database = SqliteTestDatabase.Create();
        await using var app = await TestApp.StartAsync(database, TestContext.Current.CancellationToken);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var scenario = await app.WithDbAsync(db => TestData.SeedAsync(db, now, referrals: 1));
        app.User.SignInAs(scenario.DoctorUserId, "doctor@clinic.test", Roles.ReferringPhysician);

        var withdrawn = await app.SendAsync(new WithdrawReferral.Command(scenario.Referrals[0].Id, "Patient chose another centre."), TestContext.Current.CancellationToken);

        Assert.True(withdrawn.IsSuccess);
        var line = await app.WithDbAsync(db => db.ReferralEvents.AsNoTracking().SingleAsync(e => e.ReferralId == scenario.Referrals[0].Id && e.Kind == "Withdrawn"));
        Assert.Equal((TestData.DoctorName, scenario.DoctorUserId), (line.Actor, line.ActorUserId));
    }

    private static async Task<ApplicationUser> AddAccountAsync(TestApp app, string fullName)
    {
        var user = TestData.Doctor($"staff-{Guid.NewGuid():N}@clinic.test");
        user.FullName = fullName;
        await app.WithDbAsync(async db =>
        {
            db.Users.Add(user);
            await db.SaveChangesAsync();
        });
        return user;
    }
}
