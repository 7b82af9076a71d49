using System.Collections.Concurrent;
using System.Net;

using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Infrastructure;
using Scheduling.Infrastructure.Persistence;
using Scheduling.TestSupport;
using Scheduling.TestSupport.Databases;
using Scheduling.Web.Commands;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Production;

public sealed class CommandsTests(WebApp app)
{
    [Fact]
    public async Task Backup_WhileBookingsAreBeingMade_HoldsEveryBookingCommittedBeforeIt_AndPassesTheIntegrityCheck()
    {
        var folder = Directory.CreateTempSubdirectory("tace-backup-").FullName;
        var copy = Path.Combine(folder, "copy.db");
        var committedBeforeBackup = new ConcurrentBag<Guid>();
        var committed = 0;
        var backupStarted = false;
        using var stop = new CancellationTokenSource();
        var start = DateTime.UtcNow.Date.AddDays(300).AddHours(14);

        // Two writers book continuously: some commit before the backup starts, some while it runs.
        async Task BookUntilStoppedAsync(int writer)
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var booked = await TestData.BookAsync(app.Factory.Services, start.AddDays((writer * 1000) + i));
                Interlocked.Increment(ref committed);
                if (!Volatile.Read(ref backupStarted))
                {
                    committedBeforeBackup.Add(booked.BookingId);
                }
            }
        }

        // Task.Run: SQLite's async calls complete synchronously, so a writer would never yield.
        var writers = new[]
        {
            Task.Run(() => BookUntilStoppedAsync(0), TestContext.Current.CancellationToken),
            Task.Run(() => BookUntilStoppedAsync(1), TestContext.Current.CancellationToken),
        };
        while (committedBeforeBackup.Count < 6 && !writers.Any(w => w.IsCompleted))
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        if (writers.FirstOrDefault(w => w.IsCompleted) is { } ended)
        {
            await ended;
        }

        var mustBeThere = committedBeforeBackup.ToHashSet();
        Volatile.Write(ref backupStarted, true);
        int exitCode;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var backup = scope.ServiceProvider.GetServices<IAppCommand>().Single(c => c.Name == "backup");
            exitCode = await backup.RunAsync(CommandArguments.Parse(["--to", copy]), TestContext.Current.CancellationToken);
        }

        // Bookings go on after the copy is made; the copy is a snapshot of one moment.
        var afterBackup = Volatile.Read(ref committed);
        while (Volatile.Read(ref committed) == afterBackup && !writers.Any(w => w.IsCompleted))
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        await stop.CancelAsync();
        await Task.WhenAll(writers);

        Assert.Equal(0, exitCode);
        Assert.False(File.Exists(copy + "-wal"));
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal("ok", await ScalarAsync(connection, "PRAGMA integrity_check;"));
        var inCopy = new HashSet<Guid>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT Id FROM Bookings;";
            await using var reader = await read.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                inCopy.Add(Guid.Parse(reader.GetString(0)));
            }
        }

        Assert.Subset(inCopy, mustBeThere);
        Assert.Equal("0", await ScalarAsync(connection, "SELECT COUNT(*) FROM Bookings b LEFT JOIN Slots s ON s.Id = b.SlotId WHERE s.Id IS NULL;"));
        connection.Close();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task WithMigrateAtStartupOff_AnEmptyDatabaseStopsTheStart_UntilTheMigrateCommandHasRun()
    {
        await using var database = SqliteTestDatabase.Create();
        static void NoMigrations(IWebHostBuilder builder) => builder.UseSetting("Database:MigrateAtStartup", "false");

        var refused = new SchedulingWebFactory(database, NoMigrations);
        var error = await Assert.ThrowsAsync<InvalidSettingsException>(() => Task.Run(() => refused.Server));
        Assert.Contains("Database:MigrateAtStartup is false and the database lacks", error.Message, StringComparison.Ordinal);
        await refused.DisposeAsync();

        var (exitCode, output) = await RunAppAsync(database.Folder, "migrate");
        Assert.True(exitCode == 0, output);
        Assert.Contains("Applied", output, StringComparison.Ordinal);
        // A new database is no error: nothing reads a table before the migration has made it.
        Assert.DoesNotMatch(@"(?m)^(fail|warn|crit):", output);
        Assert.Contains("The database is up to date", (await RunAppAsync(database.Folder, "migrate")).Output, StringComparison.Ordinal);

        await using var started = await WebApp.StartAsync(database, NoMigrations);
        using var client = started.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task JsonLogLines_CarryAnIso8601Timestamp_WithNothingAfterIt()
    {
        await using var database = SqliteTestDatabase.Create();
        // The shipped format (appsettings.json, read from the app's folder: the process runs elsewhere), as compose runs it.
        using var shipped = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), TestContext.Current.CancellationToken));
        var format = shipped.RootElement.GetProperty("Logging").GetProperty("Console").GetProperty("FormatterOptions").GetProperty("TimestampFormat").GetString()!;
        var environment = new Dictionary<string, string>
        {
            ["Logging__Console__FormatterName"] = "json",
            ["Logging__Console__FormatterOptions__TimestampFormat"] = format,
            ["Logging__LogLevel__Default"] = "Information",
        };

        var (exitCode, stdout, stderr) = await AppProcess.RunAsync(database.Folder, environment, TestContext.Current.CancellationToken, "migrate");

        Assert.True(exitCode == 0, stdout + stderr);
        var timestamps = stdout.Split('\n').Where(l => l.StartsWith('{'))
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("Timestamp").GetString())
            .ToList();
        Assert.NotEmpty(timestamps);
        Assert.All(timestamps, t => Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", t));
    }

    [Fact]
    public async Task Seed_IntoADatabaseWithData_IsRefusedWithOneLine_AndExitCodeOne()
    {
        await using var database = SqliteTestDatabase.Create();
        // A clinic's database: the demo rooms are in it.
        var started = await WebApp.StartAsync(database, builder => builder.UseSetting("Demo:SeedSchedule", "true").UseEnvironment("Development"));
        await started.DisposeAsync();

        var (exitCode, stdout, stderr) = await AppProcess.RunAsync(database.Folder, [], TestContext.Current.CancellationToken, "seed", "--scale", "1");

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("seed needs a fresh database", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_ASmallPractice_GivesHeldBookingsTheirPlaces_WithNoOverfullBayNorAPhysicianInTwoPlaces()
    {
        await using var database = SqliteTestDatabase.Create();

        var (exitCode, stdout, stderr) = await AppProcess.RunAsync(
            database.Folder, [], TestContext.Current.CancellationToken, "seed", "--scale", "1", "--referrals", "1500", "--history-days", "45");

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("Capacity: 1 recovery units with 12 bays, 8 IR physicians, 8 sedation nurses", stdout, StringComparison.Ordinal);
        var options = new DbContextOptionsBuilder<ApplicationDbContext>();
        DependencyInjection.ConfigureProvider(options, database.Provider, database.ConnectionString);
        await using var db = new ApplicationDbContext(options.Options);
        var ct = TestContext.Current.CancellationToken;

        // Time away of every kind is there: leave, the tumour board, maintenance mornings.
        var kinds = await db.Unavailabilities.Select(u => u.Kind).Distinct().ToListAsync(ct);
        Assert.Contains(Domain.Capacity.UnavailabilityKind.Leave, kinds);
        Assert.Contains(Domain.Capacity.UnavailabilityKind.Meeting, kinds);
        Assert.Contains(Domain.Capacity.UnavailabilityKind.Maintenance, kinds);
        Assert.True(await db.Resources.AnyAsync(r => r.Kind == Domain.Capacity.ResourceKind.Physician && r.UserId != null, ct));

        // Every booking that holds its places has its room, physician, nurse and bay, and claims exactly them.
        var held = await db.Bookings.Where(Domain.Bookings.BookingStatuses.HoldsClaimsExpr)
            .Join(db.Slots, b => b.SlotId, s => s.Id, (b, s) => new { b.Id, s.RoomId, b.PhysicianId, b.SedationNurseId, b.RecoveryUnitId })
            .ToListAsync(ct);
        Assert.True(held.Count > 300, $"only {held.Count} bookings hold places");
        var claimed = (await db.ResourceClaims.Where(c => c.BookingId != null).Select(c => new { BookingId = c.BookingId!.Value, c.ResourceId }).ToListAsync(ct))
            .GroupBy(c => c.BookingId).ToDictionary(g => g.Key, g => g.Select(c => c.ResourceId).ToHashSet());
        Assert.Equal(held.Count, claimed.Count);
        Assert.All(held, b =>
        {
            Assert.NotNull(b.PhysicianId);
            Assert.NotNull(b.SedationNurseId);
            Assert.NotNull(b.RecoveryUnitId);
            Assert.Equal(new HashSet<Guid> { b.RoomId, b.PhysicianId!.Value, b.SedationNurseId!.Value, b.RecoveryUnitId!.Value }, claimed[b.Id]);
        });

        // No unit of time has more claims on a resource than it has places, nor a claim over its time away.
        var capacity = await db.Resources.ToDictionaryAsync(r => r.Id, r => r.Capacity, ct);
        var overfull = (await db.ResourceClaims.GroupBy(c => new { c.ResourceId, c.Unit }).Select(g => new { g.Key.ResourceId, Claims = g.Count() }).ToListAsync(ct))
            .Where(g => g.Claims > capacity[g.ResourceId]).ToList();
        Assert.Empty(overfull);
        var overAway = await (
                from u in db.Unavailabilities
                join c in db.ResourceClaims on u.ResourceId equals c.ResourceId
                where c.Unit >= u.FirstUnit && c.Unit < u.EndUnit
                select c.BookingId)
            .CountAsync(ct);
        Assert.Equal(0, overAway);
    }

    [Fact]
    public async Task AnUnknownCommand_ListsTheCommandsAndFails()
    {
        await using var database = SqliteTestDatabase.Create();

        var (exitCode, output) = await RunAppAsync(database.Folder, "frobnicate");

        Assert.Equal(2, exitCode);
        Assert.Contains("Unknown command 'frobnicate'", output, StringComparison.Ordinal);
        Assert.Contains("backup --to FILE", output, StringComparison.Ordinal);
        Assert.Contains("migrate", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunAppAsync(string dataFolder, params string[] args)
    {
        var (exitCode, stdout, stderr) = await AppProcess.RunAsync(dataFolder, [], TestContext.Current.CancellationToken, args);
        return (exitCode, stdout + stderr);
    }

    private static async Task<string> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
