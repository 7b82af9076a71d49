namespace Scheduling.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

/// <summary>Configuration section "Database".</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>Sqlite (embedded default), SqlServer or PostgreSql (server databases for production and several instances).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Connection string; ConnectionStrings:Scheduling wins when set. With SQLite and nothing set the
    /// database file lives in the app's data folder.
    /// </summary>
    public string? ConnectionString { get; set; }

    public const string SqliteMigrationsAssembly = "Scheduling.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "Scheduling.Migrations.SqlServer";
    public const string PostgreSqlMigrationsAssembly = "Scheduling.Migrations.PostgreSql";

    /// <summary>A server database shared by every instance (Hangfire storage lives in it too).</summary>
    public bool IsServerDatabase => Provider is DatabaseProvider.SqlServer or DatabaseProvider.PostgreSql;
}
