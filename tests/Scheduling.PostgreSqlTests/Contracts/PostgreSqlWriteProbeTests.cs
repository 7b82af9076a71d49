using Npgsql;

using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.PostgreSqlTests.Contracts;

/// <summary>
/// The write probe on a PostgreSQL database set read-only (default_transaction_read_only, as a standby
/// or an operator's emergency switch would have it); skipped where PostgreSQL is not configured.
/// </summary>
public sealed class PostgreSqlWriteProbeTests(PostgreSqlDatabaseFixture database)
    : DatabaseWriteProbeContract(database), IClassFixture<PostgreSqlDatabaseFixture>
{
    protected override Task MakeReadOnlyAsync(ITestDatabase database) =>
        SetReadOnlyAsync((PostgreSqlTestDatabase)database, "on");

    protected override Task MakeWritableAsync(ITestDatabase database) =>
        SetReadOnlyAsync((PostgreSqlTestDatabase)database, "off");

    private static async Task SetReadOnlyAsync(PostgreSqlTestDatabase database, string value)
    {
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);

            // This session may itself be read-only by now: lift it for the session (its own statement, so
            // the next one starts a read-write transaction), then alter the database.
            foreach (var sql in new[] { "SET default_transaction_read_only = off", $"ALTER DATABASE \"{database.Name}\" SET default_transaction_read_only = {value}" })
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }
        }

        // The setting applies to new sessions: the app's pooled ones are opened afresh.
        using var pooled = new NpgsqlConnection(database.ConnectionString);
        NpgsqlConnection.ClearPool(pooled);
    }
}
