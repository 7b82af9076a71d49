using Microsoft.Data.Sqlite;

using Scheduling.TestSupport;
using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.IntegrationTests.Migrations;

/// <summary>The write probe on a SQLite file made read-only (immutable: refused even to root) under the running app.</summary>
public sealed class SqliteWriteProbeTests(SqliteDatabaseFixture database)
    : DatabaseWriteProbeContract(database), IClassFixture<SqliteDatabaseFixture>
{
    protected override async Task MakeReadOnlyAsync(ITestDatabase database)
    {
        var sqlite = (SqliteTestDatabase)database;
        await StorageFaults.MakeReadOnlyAsync(sqlite.FilePath);

        // As a read-only remount would: the connections already open lose their write access too.
        ClearPool(sqlite);
    }

    protected override Task MakeWritableAsync(ITestDatabase database) =>
        StorageFaults.MakeWritableAsync(((SqliteTestDatabase)database).FilePath);

    private static void ClearPool(SqliteTestDatabase database)
    {
        using var connection = new SqliteConnection(database.ConnectionString);
        SqliteConnection.ClearPool(connection);
    }
}
