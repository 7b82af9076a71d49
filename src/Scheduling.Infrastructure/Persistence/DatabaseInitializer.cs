using Microsoft.EntityFrameworkCore;

namespace Scheduling.Infrastructure.Persistence;

/// <summary>Applies migrations at start-up (both providers; never EnsureCreated).</summary>
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

        await db.Database.MigrateAsync(cancellationToken);
    }
}
