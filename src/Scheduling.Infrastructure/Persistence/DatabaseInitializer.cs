using Microsoft.EntityFrameworkCore;

namespace Scheduling.Infrastructure.Persistence;

/// <summary>Applies migrations at start-up (every provider; never EnsureCreated).</summary>
public sealed class DatabaseInitializer(ApplicationDbContext db)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging lets readers (pages) continue while a booking commits; it is a
            // property of the database file, so setting it once per start is enough.
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        if (db.Database.ProviderName == PostgreSqlProvider)
        {
            await MigrateUnderAdvisoryLockAsync(cancellationToken);
            return;
        }

        await db.Database.MigrateAsync(cancellationToken);
    }

    private const string PostgreSqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>Any constant shared by every instance of this application: the key of its migration lock.</summary>
    private const long MigrationLockKey = 0x7461636553636864; // "taceSchd"

    /// <summary>
    /// Two instances starting at once on PostgreSQL: the provider's own migration lock is a table lock
    /// released when each migration's transaction commits, so with several pending migrations the
    /// second instance could re-apply one the first had just applied. A session-level advisory lock
    /// held on this connection for the whole run makes the second wait, then find nothing pending.
    /// </summary>
    private async Task MigrateUnderAdvisoryLockAsync(CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
            try
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
