using System.Security.Cryptography;

using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.TestSupport;
using Scheduling.TestSupport.Databases;
using Scheduling.Web.Commands;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Production;

/// <summary>
/// <c>restore --from FILE</c> as an operator runs it (the built app as a process): it puts a backup
/// back into a stopped install and keeps what it replaced, and it refuses, with one line and exit
/// code 1 and without touching the clinic's database, everything that would destroy it.
/// </summary>
public sealed class RestoreTests(WebApp app) : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tace-restore-").FullName;
    private string _backup = string.Empty;
    private Guid _bookingInBackup;

    public async ValueTask InitializeAsync()
    {
        // A backup of the shared app (a real clinic database) with one known booking in it.
        _bookingInBackup = (await TestData.BookAsync(app.Factory.Services, DateTime.UtcNow.Date.AddDays(420).AddHours(14))).BookingId;
        _backup = Path.Combine(_folder, "backup.db");
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var command = scope.ServiceProvider.GetServices<IAppCommand>().Single(c => c.Name == "backup");
        Assert.Equal(0, await command.RunAsync(CommandArguments.Parse(["--to", _backup]), TestContext.Current.CancellationToken));
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task IntoAStoppedInstall_BringsBackTheBackup_AndKeepsTheDatabaseItReplaced()
    {
        await using var target = await StoppedInstallAsync();
        var before = await BookingIdsAsync(target.FilePath);

        var (exitCode, stdout, stderr) = await AppProcess.RunAsync(target.Folder, [], TestContext.Current.CancellationToken, "restore", "--from", _backup);

        Assert.True(exitCode == 0, stderr);
        Assert.Contains(_bookingInBackup, await BookingIdsAsync(target.FilePath));
        var kept = Assert.Single(Directory.GetFiles(target.Folder, "scheduling.db.before-restore-*"));
        Assert.Matches(@"before-restore-\d{8}T\d{6}Z$", kept);
        Assert.Contains($"kept as {kept}", stdout, StringComparison.Ordinal);
        Assert.Equal(before, await BookingIdsAsync(kept));
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "unrelated", "is not a backup of this app's database (it has no migration history)" },
        { "other-app", "is not a backup of this app's database (migration 20190101000000_Orders is not one of this app's)" },
        { "newer", "was written by a newer version of the app (migration 29991231235959_FromTheFuture is unknown to this one)" },
        { "corrupt", "nothing was restored" },
        { "app-running", "An app is running on" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task ThatWouldDestroyTheClinic_IsRefused_WithOneLine_AndLeavesItsDatabaseAsItWas(string what, string expected)
    {
        await using var target = await StoppedInstallAsync();
        var source = Path.Combine(_folder, what + ".db");
        SchedulingWebFactory? running = null;
        switch (what)
        {
            case "unrelated":
                await ExecuteAsync(source, "CREATE TABLE Notes (Text TEXT); INSERT INTO Notes VALUES ('not a clinic');");
                break;
            case "other-app":
                await ExecuteAsync(source, "CREATE TABLE \"__EFMigrationsHistory\" (MigrationId TEXT PRIMARY KEY, ProductVersion TEXT); INSERT INTO \"__EFMigrationsHistory\" VALUES ('20190101000000_Orders', '3.1.0');");
                break;
            case "newer":
                File.Copy(_backup, source);
                await ExecuteAsync(source, "INSERT INTO \"__EFMigrationsHistory\" VALUES ('29991231235959_FromTheFuture', '99.0.0');");
                break;
            case "corrupt":
                File.Copy(_backup, source);
                await CorruptAsync(source);
                break;
            case "app-running":
                File.Copy(_backup, source);
                running = await WebApp.StartAsync(target);
                break;
        }

        var before = await HashAsync(target.FilePath);
        try
        {
            var (exitCode, stdout, stderr) = await AppProcess.RunAsync(target.Folder, [], TestContext.Current.CancellationToken, "restore", "--from", source);

            Assert.Equal(1, exitCode);
            var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(expected, line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
        }
        finally
        {
            if (running is not null)
            {
                await running.DisposeAsync();
            }
        }

        Assert.Equal(before, await HashAsync(target.FilePath));
        Assert.Empty(Directory.GetFiles(target.Folder, "scheduling.db.before-restore-*"));
    }

    /// <summary>An install of its own, with a booking of its own, whose app has been stopped.</summary>
    private static async Task<SqliteTestDatabase> StoppedInstallAsync()
    {
        var database = SqliteTestDatabase.Create();
        var factory = await WebApp.StartAsync(database);
        await TestData.BookAsync(factory.Services, DateTime.UtcNow.Date.AddDays(430).AddHours(14));
        await factory.DisposeAsync();
        await using (var checkpoint = new SqliteConnection(database.ConnectionString))
        {
            // Everything in the main file, so its bytes are the database (the refusals compare them).
            await checkpoint.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = checkpoint.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        SqliteConnection.ClearAllPools();
        return database;
    }

    private static async Task<string> HashAsync(string file)
    {
        SqliteConnection.ClearAllPools();
        await using var stream = File.OpenRead(file);
        return Convert.ToHexString(await SHA256.HashDataAsync(stream, TestContext.Current.CancellationToken));
    }

    private static async Task<HashSet<Guid>> BookingIdsAsync(string file)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id FROM Bookings;";
        var ids = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            ids.Add(Guid.Parse(reader.GetString(0)));
        }

        return ids;
    }

    private static async Task ExecuteAsync(string file, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Garbage over the pages after the first (the header stays, so the file still opens as SQLite).</summary>
    private static async Task CorruptAsync(string file)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
        var garbage = new byte[Math.Min(64 * 1024, stream.Length - 4096)];
        new Random(19).NextBytes(garbage);
        stream.Position = 4096;
        await stream.WriteAsync(garbage, TestContext.Current.CancellationToken);
    }
}
