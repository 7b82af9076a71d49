using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

using Scheduling.Domain.Referrals;
using Scheduling.Infrastructure;
using Scheduling.Infrastructure.Persistence;
using Scheduling.TestSupport.Databases;

namespace Scheduling.TestSupport.Contracts;

/// <summary>
/// The QueueOrder migration's rule for existing referrals, on a real database of each provider: urgent
/// ranks 0 and everything else 1; awaiting review waits since it was sent (created, if no send time
/// was stored), ready to schedule since it entered the queue (last changed, if that was not stored),
/// any other status is in no queue (null).
/// </summary>
public abstract class QueueOrderMigrationContract(DatabaseFixture fixture)
{
    private static readonly DateTime Now = new(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task ExistingReferrals_GetTheOrderTheQueuesSortedByBefore()
    {
        var database = fixture.Database;
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var db = Context(database);
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        var ours = migrations.FindIndex(m => m.EndsWith("_QueueOrder", StringComparison.Ordinal));
        await migrator.MigrateAsync(migrations[ours - 1], cancellationToken: cancellationToken);

        await using var before = Context(database, modelBefore: true);
        var doctor = TestData.Doctor();
        before.Users.Add(doctor);
        var review = AwaitingReview(doctor.Id, Urgency.Urgent, Now.AddHours(-5));
        var reviewUnsent = AwaitingReview(doctor.Id, Urgency.Routine, Now.AddHours(-4));
        var ready = TestData.ReadyReferral(doctor.Id, Now.AddHours(-3));
        var readyUnstamped = TestData.ReadyReferral(doctor.Id, Now.AddHours(-2), urgency: Urgency.Urgent);
        var booked = TestData.ReadyReferral(doctor.Id, Now.AddHours(-1));
        booked.MarkScheduled("Booked.", Now, "scheduler");
        var draft = Referral.CreateDraft(doctor.Id, TestData.ReferralDetails(urgency: Urgency.Urgent), Now);
        before.Referrals.AddRange(review, reviewUnsent, ready, readyUnstamped, booked, draft);
        await before.SaveChangesAsync(cancellationToken);
        await before.Referrals.Where(r => r.Id == reviewUnsent.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.SubmittedAtUtc, (DateTime?)null), cancellationToken);
        await before.Referrals.Where(r => r.Id == readyUnstamped.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.ReadyToScheduleSinceUtc, (DateTime?)null).SetProperty(r => r.UpdatedAtUtc, Now.AddMinutes(-30)), cancellationToken);

        await migrator.MigrateAsync(cancellationToken: cancellationToken);

        var stored = await db.Referrals.AsNoTracking().ToDictionaryAsync(r => r.Id, r => (r.QueueRank, r.QueueSinceUtc), cancellationToken);
        Assert.Equal((Referral.UrgentRank, Now.AddHours(-5)), stored[review.Id]);
        Assert.Equal((Referral.RoutineRank, Now.AddHours(-4)), stored[reviewUnsent.Id]);
        Assert.Equal((Referral.RoutineRank, Now.AddHours(-3)), stored[ready.Id]);
        Assert.Equal((Referral.UrgentRank, Now.AddMinutes(-30)), stored[readyUnstamped.Id]);
        Assert.Equal((Referral.RoutineRank, (DateTime?)null), stored[booked.Id]);
        Assert.Equal((Referral.UrgentRank, (DateTime?)null), stored[draft.Id]);
    }

    /// <summary>Sent at <paramref name="at"/> with answers an IR physician must review (ECOG 1).</summary>
    private static Referral AwaitingReview(string doctorId, Urgency urgency, DateTime at)
    {
        var referral = Referral.CreateDraft(doctorId, TestData.ReferralDetails(urgency: urgency), at);
        var answers = TestData.EligibleAnswers(DateOnly.FromDateTime(at).AddDays(-3)) with { Ecog = 1 };
        referral.Submit(answers, "{}", Domain.Eligibility.EligibilityEvaluator.Evaluate(answers, Domain.Eligibility.EligibilityCriteria.Version1), "[]", at, TestData.DoctorName);
        Assert.Equal(ReferralStatus.AwaitingReview, referral.Status);
        return referral;
    }

    private static ApplicationDbContext Context(ITestDatabase database, bool modelBefore = false)
    {
        var options = new DbContextOptionsBuilder<ApplicationDbContext>();
        DependencyInjection.ConfigureProvider(options, database.Provider, database.ConnectionString);
        if (modelBefore)
        {
            options.ReplaceService<IModelCustomizer, ModelBeforeQueueOrder>();
        }

        return new ApplicationDbContext(options.Options);
    }

    private sealed class ModelBeforeQueueOrder(ModelCustomizerDependencies dependencies)
        : ModelWithoutReferralColumns(dependencies, nameof(Referral.QueueRank), nameof(Referral.QueueSinceUtc));
}
