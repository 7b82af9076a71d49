using System.Data.Common;

using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

using Npgsql;

namespace Scheduling.Infrastructure.Persistence;

/// <summary>What the probe found: whether the database takes writes, in words for an operator (no patient data).</summary>
public sealed record DatabaseWriteState(bool CanWrite, string Description);

/// <summary>
/// Whether the database can take a write now, asked the cheapest way that really asks: a statement
/// that needs write access but changes nothing (<c>DELETE FROM __EFMigrationsHistory WHERE 1 = 0</c>).
/// Connecting or reading is not enough: SQLite opens a file it may not write (permissions, a read-only
/// mount) read-only without a word and fails only at the first write; PostgreSQL refuses writes on a
/// standby or with <c>default_transaction_read_only</c>; SQL Server on a READ_ONLY database.
/// On SQLite also the free space of the disk holding the file: SQLite meets a full disk only when it
/// commits, and the probe writes nothing. A full disk at a database server shows when it refuses writes.
/// </summary>
public static class DatabaseWriteProbe
{
    /// <summary>A probe that takes longer than this is a failing database, not a slow answer.</summary>
    public const int TimeoutSeconds = 5;

    /// <param name="afterFailure">
    /// The last probe failed. On SQLite the pooled connections are then dropped first: one opened while
    /// the file could not be written stays read-only after the disk is fixed, so without this the app
    /// (and its health) would not recover until a restart.
    /// </param>
    public static async Task<DatabaseWriteState> ProbeAsync(ApplicationDbContext db, long minimumFreeBytes, bool afterFailure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        try
        {
            if (db.Database.IsSqlite())
            {
                if (afterFailure && db.Database.GetDbConnection() is SqliteConnection sqlite)
                {
                    SqliteConnection.ClearPool(sqlite);
                }

                if (FreeSpaceProblem(db.Database.GetConnectionString(), minimumFreeBytes) is { } full)
                {
                    return new DatabaseWriteState(false, full);
                }

                // Through the context: it takes its turn at the SQLite write gate like any write.
                await db.Database.ExecuteSqlRawAsync(ProbeSql(db), cancellationToken);
            }
            else
            {
                // Straight on the connection: the server providers retry failed statements for up to a
                // minute (EnableRetryOnFailure), which a load balancer's probe must not wait for.
                await ExecuteWithoutRetriesAsync(db, cancellationToken);
            }

            return new DatabaseWriteState(true, "The database answers and takes writes.");
        }
        catch (Exception ex) when (IsStorageFailure(ex, cancellationToken))
        {
            return new DatabaseWriteState(false, Describe(ex));
        }
    }

    private static string ProbeSql(ApplicationDbContext db) =>
        $"DELETE FROM {db.GetService<ISqlGenerationHelper>().DelimitIdentifier(HistoryRepository.DefaultTableName)} WHERE 1 = 0";

    private static async Task ExecuteWithoutRetriesAsync(ApplicationDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = ProbeSql(db);
            command.CommandTimeout = TimeoutSeconds;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Below the floor on the disk holding a SQLite file: writes will soon fail (or already do).</summary>
    private static string? FreeSpaceProblem(string? connectionString, long minimumFreeBytes)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (minimumFreeBytes <= 0 || string.IsNullOrEmpty(file) || file.StartsWith(':'))
        {
            return null;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        var free = new DriveInfo(folder).AvailableFreeSpace;
        return free < minimumFreeBytes
            ? $"The disk holding the database has {free / (1024 * 1024)} MB free, below the {minimumFreeBytes / (1024 * 1024)} MB the app needs to write safely (Storage:MinimumFreeMegabytes)."
            : null;
    }

    private static bool IsStorageFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is DbException or InvalidOperationException or IOException or TimeoutException or UnauthorizedAccessException
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>The provider's error code, never its message (it may echo a statement or a path).</summary>
    private static string Describe(Exception ex) => (ex.GetBaseException() as DbException ?? ex as DbException) switch
    {
        SqliteException { SqliteErrorCode: 8 } => "The database refuses writes: its file is read-only (SQLite error 8). Check the disk and the file's permissions.",
        SqliteException { SqliteErrorCode: 13 } => "The database refuses writes: the disk is full (SQLite error 13).",
        SqliteException sqlite => $"The database refuses writes (SQLite error {sqlite.SqliteErrorCode}).",
        PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction } => "The database refuses writes: the PostgreSQL server is read-only (a standby, or default_transaction_read_only is on).",
        PostgresException { SqlState: PostgresErrorCodes.DiskFull } => "The database refuses writes: the PostgreSQL server's disk is full.",
        PostgresException postgres => $"The database refuses writes (PostgreSQL error {postgres.SqlState}).",
        SqlException sql => $"The database refuses writes (SQL Server error {sql.Number}).",
        DbException db => $"The database cannot be reached or refuses writes ({db.GetType().Name}).",
        _ => $"The database cannot be reached or refuses writes ({ex.GetType().Name}).",
    };
}
