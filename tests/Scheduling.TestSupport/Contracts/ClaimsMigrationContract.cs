using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

using Scheduling.Domain.Capacity;
using Scheduling.Domain.Common;
using Scheduling.Domain.Referrals;
using Scheduling.Domain.Slots;
using Scheduling.Infrastructure;
using Scheduling.Infrastructure.Persistence;
using Scheduling.TestSupport.Databases;

namespace Scheduling.TestSupport.Contracts;

/// <summary>
/// The ResourceClaims migration's rule for existing data, on a real database of each provider: a
/// practice at the migration before it, with bookings in every state (one pair overlapping in a room
/// after a template change), migrated to the latest. Every room gets its resource row; one recovery
/// unit gets as many bays as the slots can have patients in recovery at once; pending, confirmed and
/// completed bookings claim their room for the procedure and a bay for 4 hours, seats numbered in start
/// order; no-shows and cancelled bookings claim nothing; no physician is assigned.
/// </summary>
public abstract class ClaimsMigrationContract(DatabaseFixture fixture)
{
    private static readonly ClinicTime Clinic = ClinicTime.FromTimeZoneId();
    private static readonly DateOnly Tuesday = new(2026, 3, 10);
    private static readonly DateTime Now = new(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task ExistingBookings_GetTheirRoomAndABayForTheRecovery_AndTheUnitHasAsManyBaysAsTheScheduleCanFill()
    {
        var database = fixture.Database;
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var db = Context(database);
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        var ours = migrations.FindIndex(m => m.EndsWith("_ResourceClaims", StringComparison.Ordinal));
        await migrator.MigrateAsync(migrations[ours - 1], cancellationToken: cancellationToken);

        // The rows written through EF go through a model without the columns later migrations added.
        await using var before = Context(database, modelBefore: true);
        var roomA = Guid.NewGuid();
        var roomB = Guid.NewGuid();
        await InsertRoomAsync(before, roomA, "IR 1");
        await InsertRoomAsync(before, roomB, "IR 2");
        var doctor = TestData.Doctor();
        before.Users.Add(doctor);
        var referrals = Enumerable.Range(0, 6).Select(_ => TestData.ReadyReferral(doctor.Id, Now)).ToList();
        before.Referrals.AddRange(referrals);
        var a0730 = TestData.Slot(roomA, Clinic, Tuesday, new TimeOnly(7, 30), Now);
        var a0800 = TestData.Slot(roomA, Clinic, Tuesday, new TimeOnly(8, 0), Now); // left overlapping by a template change
        var b0730 = TestData.Slot(roomB, Clinic, Tuesday, new TimeOnly(7, 30), Now);
        var b0930 = TestData.Slot(roomB, Clinic, Tuesday, new TimeOnly(9, 30), Now);
        var b1130 = TestData.Slot(roomB, Clinic, Tuesday, new TimeOnly(11, 30), Now);
        var free = TestData.Slot(roomA, Clinic, Tuesday, new TimeOnly(13, 30), Now);
        before.Slots.AddRange(a0730, a0800, b0730, b0930, b1130, free);
        await before.SaveChangesAsync(cancellationToken);

        var confirmed = await InsertBookingAsync(db, referrals[0].Id, a0730.Id, "Confirmed");
        var overlapping = await InsertBookingAsync(db, referrals[1].Id, a0800.Id, "PendingConfirmation");
        var completed = await InsertBookingAsync(db, referrals[2].Id, b0730.Id, "Completed");
        var noShow = await InsertBookingAsync(db, referrals[3].Id, b0930.Id, "NoShow");
        var cancelled = await InsertBookingAsync(db, referrals[4].Id, b1130.Id, "Cancelled");

        await migrator.MigrateAsync(cancellationToken: cancellationToken);
        db.ChangeTracker.Clear();

        var resources = await db.Resources.AsNoTracking().ToListAsync(cancellationToken);
        Assert.Equal([ResourceKind.Room, ResourceKind.Room], resources.Where(r => r.Id == roomA || r.Id == roomB).Select(r => r.Kind));
        var unit = Assert.Single(resources, r => r.Kind == ResourceKind.RecoveryUnit);
        Assert.Equal("Recovery bays", unit.Name);
        Assert.Equal(ExpectedBays([a0730, a0800, b0730, b0930, b1130, free]), unit.Capacity);
        Assert.Equal(7, await db.WeeklyHours.CountAsync(h => h.ResourceId == unit.Id, cancellationToken));

        var claims = await db.ResourceClaims.AsNoTracking().ToListAsync(cancellationToken);
        Assert.All(claims, c => Assert.Null(c.HoldId));
        foreach (var (booking, slot) in new[] { (confirmed, a0730), (overlapping, a0800), (completed, b0730) })
        {
            var mine = claims.Where(c => c.BookingId == booking).ToList();
            Assert.Equal(ClaimUnits.Span(slot.StartUtc, slot.EndUtc).Units(), mine.Where(c => c.ResourceId == slot.RoomId).Select(c => c.Unit).Order());
            Assert.Equal(ClaimUnits.Span(slot.EndUtc, slot.EndUtc.AddHours(4)).Units(), mine.Where(c => c.ResourceId == unit.Id).Select(c => c.Unit).Order());
            var stored = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == booking, cancellationToken);
            Assert.Equal(unit.Id, stored.RecoveryUnitId);
            Assert.Equal(slot.EndUtc.AddHours(4), stored.RecoveryEndsUtc);
            Assert.Null(stored.PhysicianId);
        }

        Assert.DoesNotContain(claims, c => c.BookingId == noShow || c.BookingId == cancelled);

        // Seats in start order: the later of the overlapping pair is the room's second place where they overlap.
        var overlapUnit = ClaimUnits.UnitOf(a0800.StartUtc);
        Assert.Equal(0, claims.Single(c => c.ResourceId == roomA && c.Unit == overlapUnit && c.BookingId == confirmed).Seat);
        Assert.Equal(1, claims.Single(c => c.ResourceId == roomA && c.Unit == overlapUnit && c.BookingId == overlapping).Seat);
        Assert.Equal([0, 1, 2], claims.Where(c => c.ResourceId == unit.Id && c.Unit == ClaimUnits.UnitOf(a0800.EndUtc)).Select(c => c.Seat).Order());
    }

    /// <summary>The rule in C#: the most slots whose 4-hour recovery covers one 30-minute unit.</summary>
    private static int ExpectedBays(IEnumerable<Slot> slots) =>
        slots.SelectMany(s => ClaimUnits.Span(s.EndUtc, s.EndUtc.AddHours(4)).Units()).GroupBy(u => u).Max(g => g.Count());

    private static async Task InsertRoomAsync(ApplicationDbContext db, Guid id, string name) =>
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO \"Rooms\" (\"Id\", \"Name\", \"NormalizedName\", \"Location\", \"IsActive\", \"CreatedAtUtc\") VALUES ({id}, {name}, {name.ToUpperInvariant()}, {"Main Hospital"}, {true}, {Now})");

    /// <summary>A booking as the version before the migration wrote it (the current model has columns that table lacks).</summary>
    private static async Task<Guid> InsertBookingAsync(ApplicationDbContext db, Guid referralId, Guid slotId, string status)
    {
        var id = Guid.NewGuid();
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "Bookings" ("Id", "ReferralId", "SlotId", "Status", "Sequence", "BookedAtUtc", "BookedBy", "CancelledByPatient", "PatientRequest", "UpdatedAtUtc", "Version")
            VALUES ({id}, {referralId}, {slotId}, {status}, {1}, {Now}, {"scheduler@clinic.test"}, {false}, {"None"}, {Now}, {Guid.NewGuid()})
            """);
        return id;
    }

    private static ApplicationDbContext Context(ITestDatabase database, bool modelBefore = false)
    {
        var options = new DbContextOptionsBuilder<ApplicationDbContext>();
        DependencyInjection.ConfigureProvider(options, database.Provider, database.ConnectionString);
        if (modelBefore)
        {
            options.ReplaceService<IModelCustomizer, ModelBeforeLaterMigrations>();
        }

        return new ApplicationDbContext(options.Options);
    }

    /// <summary>
    /// The model as the version before this migration knew the tables the test writes through EF:
    /// without the Referrals columns later migrations added (PatientLanguagesAndTexts, QueueOrder). A
    /// migration after this one that adds a column to Referrals, Users or Slots adds it here.
    /// </summary>
    private sealed class ModelBeforeLaterMigrations(ModelCustomizerDependencies dependencies) : ModelWithoutReferralColumns(
        dependencies,
        nameof(Referral.InterpreterLanguage), nameof(Referral.PatientMobile), nameof(Referral.TextConsent), nameof(Referral.TextSettingsChangedAtUtc),
        nameof(Referral.QueueRank), nameof(Referral.QueueSinceUtc));
}
