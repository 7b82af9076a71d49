using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common.Results;
using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Referrals;
using Scheduling.Application.Features.Review;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Referrals;
using Scheduling.Infrastructure.Persistence;
using Scheduling.TestSupport;
using Scheduling.TestSupport.Databases;

namespace Scheduling.IntegrationTests.Behaviours;

/// <summary>
/// A referral changed by someone else between reading and saving (its concurrency token moved) is a
/// conflict result with the use case's own message, and nothing of the losing command is kept. The
/// other change is made inside the same save, just before it, so the race is certain. Each case has
/// a database of its own.
/// </summary>
public sealed class SaveOrConflictTests
{
    [Fact]
    public async Task AWithdrawal_OfAReferralChangedMeanwhile_IsAConflict_AndTheReferralStaysAsItWas()
    {
        var meanwhile = new ChangeReferralMeanwhile();
        await using var database = SqliteTestDatabase.Create();
        await using var app = await StartAsync(database, meanwhile);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var scenario = await app.WithDbAsync(db => TestData.SeedAsync(db, now, referrals: 1));
        var referral = scenario.Referrals[0].Id;
        app.User.SignInAs(scenario.DoctorUserId, "doctor@clinic.test", Roles.ReferringPhysician);

        meanwhile.Arm(referral);
        var result = await app.SendAsync(new WithdrawReferral.Command(referral, "Patient chose another centre."), TestContext.Current.CancellationToken);

        Assert.Equal(ErrorKind.Conflict, result.Error?.Kind);
        Assert.Equal("The referral changed at the same time (it may just have been scheduled); open it again.", result.Error!.Message);
        Assert.Equal(ReferralStatus.ReadyToSchedule, await StatusAsync(app, referral));
        Assert.DoesNotContain("Withdrawn", await KindsAsync(app, referral));
    }

    [Fact]
    public async Task AReviewDecision_OnAReferralChangedMeanwhile_IsAConflict_AndNoDecisionIsKept()
    {
        var meanwhile = new ChangeReferralMeanwhile();
        await using var database = SqliteTestDatabase.Create();
        await using var app = await StartAsync(database, meanwhile);
        var referral = await AddReferralAwaitingReviewAsync(app);
        app.User.SignInAs("rad-conflict", "rad@clinic.test", Roles.Radiologist);

        meanwhile.Arm(referral);
        var result = await app.SendAsync(new DecideReview.Command(referral, ReviewDecision.Approve, null), TestContext.Current.CancellationToken);

        Assert.Equal(ErrorKind.Conflict, result.Error?.Kind);
        Assert.Equal("Someone else decided this referral at the same time; open it again to see their decision.", result.Error!.Message);
        Assert.Equal(ReferralStatus.AwaitingReview, await StatusAsync(app, referral));
        Assert.DoesNotContain("Approved", await KindsAsync(app, referral));
    }

    private static Task<TestApp> StartAsync(SqliteTestDatabase database, ChangeReferralMeanwhile meanwhile) =>
        TestApp.StartAsync(
            database,
            TestContext.Current.CancellationToken,
            configureServices: services => services.ConfigureDbContext<ApplicationDbContext>(o => o.AddInterceptors(meanwhile)));

    private static Task<ReferralStatus> StatusAsync(TestApp app, Guid referral) =>
        app.WithDbAsync(db => db.Referrals.AsNoTracking().Where(r => r.Id == referral).Select(r => r.Status).SingleAsync());

    private static Task<List<string>> KindsAsync(TestApp app, Guid referral) =>
        app.WithDbAsync(db => db.ReferralEvents.AsNoTracking().Where(e => e.ReferralId == referral).Select(e => e.Kind).ToListAsync());

    private static async Task<Guid> AddReferralAwaitingReviewAsync(TestApp app)
    {
        var doctor = await TestData.AddDoctorAsync(app.Services);
        return await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var today = DateOnly.FromDateTime(now);
            var referral = Referral.CreateDraft(doctor, TestData.ReferralDetails("Conflict"), now);
            var answers = TestData.EligibleAnswers(today, today) with { ContrastReaction = ContrastReaction.Moderate };
            referral.Submit(answers, "{}", EligibilityEvaluator.Evaluate(answers, EligibilityCriteria.Version1), "[]", now, "Dr. Test Referrer");
            db.Referrals.Add(referral);
            await db.SaveChangesAsync();
            return referral.Id;
        });
    }

    /// <summary>Once armed, changes the referral's concurrency token in the database just before the next save that updates it.</summary>
    private sealed class ChangeReferralMeanwhile : SaveChangesInterceptor
    {
        private Guid? _referralId;

        public void Arm(Guid referralId) => _referralId = referralId;

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (_referralId is { } id && eventData.Context is { } context
                && context.ChangeTracker.Entries<Referral>().Any(e => e.Entity.Id == id && e.State == EntityState.Modified))
            {
                _referralId = null;
                await context.Database.ExecuteSqlAsync($"UPDATE \"Referrals\" SET \"Version\" = {Guid.NewGuid()} WHERE \"Id\" = {id}", cancellationToken);
            }

            return result;
        }
    }
}
