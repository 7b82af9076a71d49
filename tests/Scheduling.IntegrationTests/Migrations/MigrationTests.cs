using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

using Scheduling.Infrastructure;
using Scheduling.Infrastructure.Persistence;
using Scheduling.TestSupport;
using Scheduling.TestSupport.Databases;

namespace Scheduling.IntegrationTests.Migrations;

/// <summary>
/// Keeps the three providers' migrations and the DBA script in step with the model: a model change
/// without a migration, or a migration without a regenerated script, fails here.
/// </summary>
public sealed class MigrationTests
{
    private const string RegenerateScript =
        "dotnet ef migrations script --idempotent --project src/Scheduling.Migrations.SqlServer " +
        "--startup-project src/Scheduling.Migrations.SqlServer -o db/sqlserver/schema.sql";

    [Fact]
    public void SqliteModel_HasNoPendingModelChanges()
    {
        using var db = Context(DatabaseProvider.Sqlite, "Data Source=:memory:");

        Assert.False(db.Database.HasPendingModelChanges(),
            "The model differs from the SQLite snapshot. Add a migration: dotnet ef migrations add <Name> " +
            "--project src/Scheduling.Migrations.Sqlite --startup-project src/Scheduling.Migrations.Sqlite");
    }

    [Fact]
    public void SqlServerModel_HasNoPendingModelChanges()
    {
        // No server is contacted: the check compares the model with the migrations' snapshot.
        using var db = new Scheduling.Migrations.SqlServer.DesignTimeDbContextFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(),
            "The model differs from the SQL Server snapshot. Add a migration: dotnet ef migrations add <Name> " +
            "--project src/Scheduling.Migrations.SqlServer --startup-project src/Scheduling.Migrations.SqlServer");
    }

    [Fact]
    public void PostgreSqlModel_HasNoPendingModelChanges()
    {
        // No server is contacted: the check compares the model with the migrations' snapshot.
        using var db = new Scheduling.Migrations.PostgreSql.DesignTimeDbContextFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(),
            "The model differs from the PostgreSQL snapshot. Add a migration: dotnet ef migrations add <Name> " +
            "--project src/Scheduling.Migrations.PostgreSql --startup-project src/Scheduling.Migrations.PostgreSql");
    }

    [Fact]
    public void PostgreSqlModel_StoresEveryInstantAsTimestampWithTimeZone_AndGuardsActiveBookingsWithPartialUniqueIndexes()
    {
        using var db = new Scheduling.Migrations.PostgreSql.DesignTimeDbContextFactory().CreateDbContext([]);
        var model = db.GetService<IDesignTimeModel>().Model;

        var instants = model.GetEntityTypes().SelectMany(e => e.GetProperties())
            .Where(p => p.ClrType == typeof(DateTime) || p.ClrType == typeof(DateTime?) || p.ClrType == typeof(DateTimeOffset?))
            .ToList();
        Assert.NotEmpty(instants);
        Assert.All(instants, p => Assert.Equal("timestamp with time zone", p.GetColumnType()));

        var bookings = model.FindEntityType(typeof(Scheduling.Domain.Bookings.Booking))!;
        var active = string.Join(", ", Scheduling.Domain.Bookings.Booking.ActiveStatusNames.Select(s => $"'{s}'"));
        foreach (var name in new[] { "UX_Bookings_ActiveSlot", "UX_Bookings_ActiveReferral" })
        {
            var index = Assert.Single(bookings.GetIndexes(), i => i.GetDatabaseName() == name);
            Assert.True(index.IsUnique);
            Assert.Equal($"\"Status\" IN ({active})", index.GetFilter());
        }
    }

    [Fact]
    public void SqlServerSchemaScript_EqualsTheIdempotentScriptOfTheCurrentMigrations()
    {
        using var db = new Scheduling.Migrations.SqlServer.DesignTimeDbContextFactory().CreateDbContext([]);
        var expected = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        var path = Path.Combine(RepositoryRoot.Path, "db", "sqlserver", "schema.sql");

        Assert.True(File.Exists(path), $"{path} is missing. Generate it from the repository root: {RegenerateScript}");
        var committed = File.ReadAllText(path);

        Assert.True(Normalize(expected) == Normalize(committed),
            $"db/sqlserver/schema.sql is out of date with the SQL Server migrations ({FirstDifference(expected, committed)}). " +
            $"Regenerate it from the repository root: {RegenerateScript}");
    }

    [Fact]
    public async Task SqliteMigrations_OnAFreshDatabase_AreAllAppliedAndNoneArePending()
    {
        await using var database = SqliteTestDatabase.Create();
        await using var app = await TestApp.StartAsync(database, TestContext.Current.CancellationToken);

        var (all, applied, pending) = await app.WithDbAsync(async db => (
            db.Database.GetMigrations().ToList(),
            (await db.Database.GetAppliedMigrationsAsync()).ToList(),
            (await db.Database.GetPendingMigrationsAsync()).ToList()));

        Assert.NotEmpty(all);
        Assert.Equal(all, applied);
        Assert.Empty(pending);
    }

    [Fact]
    public async Task SqliteMigrations_AppliedTwice_AreANoOp()
    {
        await using var database = SqliteTestDatabase.Create();
        await using (await TestApp.StartAsync(database, TestContext.Current.CancellationToken))
        {
        }

        // A restart migrates again; it must neither fail nor re-run anything.
        await using var restarted = await TestApp.StartAsync(database, TestContext.Current.CancellationToken);
        var pending = await restarted.WithDbAsync(async db => (await db.Database.GetPendingMigrationsAsync()).ToList());
        Assert.Empty(pending);
    }

    private static ApplicationDbContext Context(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<ApplicationDbContext>();
        DependencyInjection.ConfigureProvider(options, provider, connectionString);
        return new ApplicationDbContext(options.Options);
    }

    private static string FirstDifference(string expected, string committed)
    {
        var want = Normalize(expected).Split('\n');
        var have = Normalize(committed).Split('\n');
        for (var i = 0; i < Math.Max(want.Length, have.Length); i++)
        {
            var w = i < want.Length ? want[i] : "<end of script>";
            var h = i < have.Length ? have[i] : "<end of file>";
            if (w != h)
            {
                return $"first difference at line {i + 1}: expected \"{w.Trim()}\", file has \"{h.Trim()}\"";
            }
        }

        return "no line differs";
    }

    private static string Normalize(string script) =>
        script.TrimStart('\uFEFF').ReplaceLineEndings("\n").TrimEnd();
}
