using DotNet.Testcontainers.Builders;

using Microsoft.Data.SqlClient;

using Testcontainers.MsSql;

namespace Scheduling.TestSupport.Databases;

/// <summary>
/// One SQL Server container for the whole test run (an assembly fixture). Where no Docker engine can
/// be reached it records why instead of failing, and every test that needs it is skipped with
/// <see cref="SkipReason"/>; where Docker runs, a failure to start is a real failure.
/// </summary>
public sealed class SqlServerContainer : IAsyncLifetime
{
    public const string SkipReason = "Docker is not available";

    /// <summary>SQL Server 2022, as in production; TACE_MSSQL_IMAGE overrides it (e.g. a local mirror).</summary>
    public static string Image =>
        Environment.GetEnvironmentVariable("TACE_MSSQL_IMAGE") is { Length: > 0 } image
            ? image
            : "mcr.microsoft.com/mssql/server:2022-latest";

    private MsSqlContainer? _container;

    /// <summary>Why Docker could not be used, for the test output; null when the container runs.</summary>
    public string? UnavailableDetails { get; private set; }

    public bool IsAvailable => _container is not null && UnavailableDetails is null;

    public async ValueTask InitializeAsync()
    {
        try
        {
            _container = new MsSqlBuilder(Image).Build();
            await _container.StartAsync();
        }
        catch (DockerUnavailableException ex)
        {
            UnavailableDetails = ex.Message;
            _container = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }

    /// <summary>Skips the calling test when Docker is unavailable.</summary>
    public void SkipUnlessAvailable()
    {
        if (!IsAvailable)
        {
            Assert.Skip(SkipReason);
        }
    }

    /// <summary>A new, empty database on the shared server (created here, dropped at dispose).</summary>
    public async Task<SqlServerTestDatabase> CreateDatabaseAsync(string prefix, CancellationToken cancellationToken = default)
    {
        SkipUnlessAvailable();
        var name = $"{prefix}_{Guid.NewGuid():N}";
        var master = new SqlConnectionStringBuilder(_container!.GetConnectionString()) { InitialCatalog = "master" };
        await using (var connection = new SqlConnection(master.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE [{name}]";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var database = new SqlConnectionStringBuilder(master.ConnectionString) { InitialCatalog = name };
        return new SqlServerTestDatabase(name, database.ConnectionString, master.ConnectionString);
    }
}
