using System.Text.RegularExpressions;

using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;

using Scheduling.TestSupport;
using Scheduling.TestSupport.Databases;

namespace Scheduling.SqlServerTests;

/// <summary>The DBA path: db/sqlserver/schema.sql must run on a real server, repeatedly, beside the app's own migrations.</summary>
public sealed partial class SchemaScriptTests(SqlServerContainer server)
{
    [Fact]
    public async Task SchemaScript_AfterMigrationsAndRunTwice_SucceedsAndLeavesNothingPending()
    {
        await using var database = await server.CreateDatabaseAsync("script", TestContext.Current.CancellationToken);
        await using var app = await TestApp.StartAsync(database, TestContext.Current.CancellationToken);
        var migrated = await MigrationIdsAsync(database);

        await RunScriptAsync(database);
        await RunScriptAsync(database);

        Assert.Equal(migrated, await MigrationIdsAsync(database));
        Assert.Empty(await app.WithDbAsync(async db => (await db.Database.GetPendingMigrationsAsync()).ToList()));
    }

    [Fact]
    public async Task SchemaScript_OnAnEmptyDatabase_CreatesTheSchemaTheAppAccepts()
    {
        await using var database = await server.CreateDatabaseAsync("dba", TestContext.Current.CancellationToken);

        await RunScriptAsync(database);
        await RunScriptAsync(database);

        // Starting the app afterwards migrates nothing and the use cases work on the scripted schema.
        await using var app = await TestApp.StartAsync(database, TestContext.Current.CancellationToken);
        Assert.Empty(await app.WithDbAsync(async db => (await db.Database.GetPendingMigrationsAsync()).ToList()));
        var added = await app.SendAsync(new Application.Features.Rooms.AddRoom.Command("IR 1", null), TestContext.Current.CancellationToken);
        Assert.True(added.IsSuccess);
    }

    private static async Task RunScriptAsync(SqlServerTestDatabase database)
    {
        var script = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "db", "sqlserver", "schema.sql"));
        await using var connection = new SqlConnection(database.ConnectionString);
        await connection.OpenAsync();

        // GO is a batch separator of the client tools, not T-SQL: split on it as sqlcmd does.
        foreach (var batch in GoSeparator().Split(script).Where(b => !string.IsNullOrWhiteSpace(b)))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = batch;
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task<List<string>> MigrationIdsAsync(SqlServerTestDatabase database)
    {
        await using var connection = new SqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT [MigrationId] FROM [__EFMigrationsHistory] ORDER BY [MigrationId]";
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    [GeneratedRegex(@"^\s*GO\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex GoSeparator();
}
