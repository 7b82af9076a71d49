namespace Scheduling.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>Configuration section "Database".</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>Sqlite (embedded default) or SqlServer (production).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Connection string; ConnectionStrings:Scheduling wins when set. With SQLite and nothing set the
    /// database file lives in the app's data folder.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Apply pending migrations when the app starts (default). DBAs who apply schema changes
    /// themselves set false and run the "migrate" command (or db/sqlserver/schema.sql); the app then
    /// refuses to start on a database that is behind.
    /// </summary>
    public bool MigrateAtStartup { get; set; } = true;

    public const string SqliteMigrationsAssembly = "Scheduling.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "Scheduling.Migrations.SqlServer";
}
