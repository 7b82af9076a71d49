using Npgsql;

namespace Scheduling.TestSupport.Databases;

/// <summary>
/// The PostgreSQL server named by <c>TEST_POSTGRES_CONNECTION</c> (a connection string to a server
/// where tests may create and drop databases; <c>.ci/run</c> starts a throwaway one). Without the
/// variable every test that needs it is skipped with <see cref="SkipReason"/>; with it, a server that
/// cannot be reached is a real failure.
/// </summary>
public static class PostgreSqlServer
{
    public const string SkipReason = "PostgreSQL is not configured";

    public const string EnvironmentVariable = "TEST_POSTGRES_CONNECTION";

    public static string? AdminConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value ? value : null;

    public static bool IsConfigured => AdminConnectionString is not null;

    /// <summary>Skips the calling test when no server is configured.</summary>
    public static void SkipUnlessConfigured()
    {
        if (!IsConfigured)
        {
            Assert.Skip(SkipReason);
        }
    }

    /// <summary>A new, empty database on the configured server (created here, dropped at dispose).</summary>
    public static async Task<PostgreSqlTestDatabase> CreateDatabaseAsync(string prefix, CancellationToken cancellationToken = default)
    {
        SkipUnlessConfigured();
        var admin = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false };
        var name = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var database = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name };
        return new PostgreSqlTestDatabase(name, database.ConnectionString, admin.ConnectionString);
    }
}
