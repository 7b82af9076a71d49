namespace Scheduling.TestSupport.Databases;

/// <summary>
/// A class fixture owning one database for a test class: created once, migrated by the first test,
/// shared by the class's tests (which xunit runs one after another) and removed at the end.
/// Contract tests therefore use unique names and compare counts before and after, never absolute ones.
/// </summary>
public abstract class DatabaseFixture : IAsyncLifetime
{
    private ITestDatabase? _database;

    /// <summary>The database, or a skipped test when the provider cannot run here.</summary>
    public ITestDatabase Database => _database ?? SkipOrThrow();

    public async ValueTask InitializeAsync() => _database = await CreateAsync();

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Returns null when the provider is unavailable here (the tests are then skipped).</summary>
    protected abstract Task<ITestDatabase?> CreateAsync();

    protected virtual ITestDatabase SkipOrThrow() =>
        throw new InvalidOperationException("The test database was not created.");
}

public sealed class SqliteDatabaseFixture : DatabaseFixture
{
    protected override Task<ITestDatabase?> CreateAsync() => Task.FromResult<ITestDatabase?>(SqliteTestDatabase.Create());
}

/// <summary>A fresh database per test class on the run's one SQL Server container.</summary>
public sealed class SqlServerDatabaseFixture(SqlServerContainer server) : DatabaseFixture
{
    protected override async Task<ITestDatabase?> CreateAsync() =>
        server.IsAvailable ? await server.CreateDatabaseAsync("tace") : null;

    protected override ITestDatabase SkipOrThrow()
    {
        server.SkipUnlessAvailable();
        return base.SkipOrThrow();
    }
}

/// <summary>A fresh database per test class on the server named by TEST_POSTGRES_CONNECTION.</summary>
public sealed class PostgreSqlDatabaseFixture : DatabaseFixture
{
    protected override async Task<ITestDatabase?> CreateAsync() =>
        PostgreSqlServer.IsConfigured ? await PostgreSqlServer.CreateDatabaseAsync("tace") : null;

    protected override ITestDatabase SkipOrThrow()
    {
        PostgreSqlServer.SkipUnlessConfigured();
        return base.SkipOrThrow();
    }
}
