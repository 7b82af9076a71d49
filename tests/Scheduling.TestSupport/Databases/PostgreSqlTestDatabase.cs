using Npgsql;

using Scheduling.Infrastructure.Persistence;

namespace Scheduling.TestSupport.Databases;

/// <summary>One database on the configured PostgreSQL server, dropped at dispose.</summary>
public sealed class PostgreSqlTestDatabase(string name, string connectionString, string adminConnectionString) : ITestDatabase
{
    public DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    public string Name { get; } = name;

    public string ConnectionString { get; } = connectionString;

    public async ValueTask DisposeAsync()
    {
        using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        // FORCE ends the sessions still open (an app process killed in a test, a pooled connection elsewhere).
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
    }
}
