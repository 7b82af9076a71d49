using Microsoft.Data.SqlClient;

using Scheduling.Infrastructure.Persistence;

namespace Scheduling.TestSupport.Databases;

/// <summary>One database on the shared SQL Server container, dropped at dispose.</summary>
public sealed class SqlServerTestDatabase(string name, string connectionString, string masterConnectionString) : ITestDatabase
{
    public DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public string Name { get; } = name;

    public string ConnectionString { get; } = connectionString;

    public async ValueTask DisposeAsync()
    {
        using (var pooled = new SqlConnection(ConnectionString))
        {
            SqlConnection.ClearPool(pooled);
        }

        await using var connection = new SqlConnection(masterConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"ALTER DATABASE [{Name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{Name}];";
        await command.ExecuteNonQueryAsync();
    }
}
