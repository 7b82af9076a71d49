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
    private Task MigrateUnderPostgreSqlLockAsync(CancellationToken cancellationToken) =>
        AloneAsync(MigrationLockKey, db.Database.MigrateAsync, cancellationToken);

    private const long MigrationLockKey = 0x7AC3_5C4E_D000_0001;

    /// <summary>
    /// Runs <paramref name="work"/> while no other instance on this database runs work under the same
    /// <paramref name="lockKey"/>: a session-level advisory lock on PostgreSQL, an application lock on
    /// SQL Server, held on this context's connection (so the work must use this context, or be a
    /// check-then-write that is only unsafe against other instances). A SQLite database file serves one
    /// instance (the app holds its lock file while it serves), so there the work simply runs.
    /// The database must exist.
    /// </summary>
    public async Task AloneAsync(long lockKey, Func<CancellationToken, Task> work, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
        {
            await work(cancellationToken);
            return;
        }

        var isSqlServer = db.Database.IsSqlServer();
        var resource = $"tace-scheduling-{lockKey:x16}";
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (isSqlServer)
            {
                await db.Database.ExecuteSqlAsync(
                    $"EXEC sp_getapplock @Resource = {resource}, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = -1",
                    cancellationToken);
            }
            else
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({lockKey})", cancellationToken);
            }

            try
            {
                await work(cancellationToken);
            }
            finally
            {
                if (isSqlServer)
                {
                    await db.Database.ExecuteSqlAsync($"EXEC sp_releaseapplock @Resource = {resource}, @LockOwner = 'Session'", CancellationToken.None);
                }
                else
                {
                    await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({lockKey})", CancellationToken.None);
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
