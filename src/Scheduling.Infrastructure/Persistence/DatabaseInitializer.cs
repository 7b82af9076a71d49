using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

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

        if (db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL"
            && await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken))
        {
            await MigrateUnderPostgreSqlLockAsync(cancellationToken);
            return;
        }

        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>
    /// Instances starting together on one PostgreSQL database take turns for the whole migration run.
    /// EF's own PostgreSQL lock lasts one migration's transaction, so with two pending migrations the
    /// second instance could start on the second while the first instance was also applying it.
    /// A session-level advisory lock on the connection EF then migrates through closes that gap.
    /// </summary>
    private async Task MigrateUnderPostgreSqlLockAsync(CancellationToken cancellationToken)
    {
        const long MigrationLockKey = 0x7AC3_5C4E_D000_0001;
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
