using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

using Npgsql;

namespace Scheduling.Infrastructure.Persistence;

/// <summary>
/// An exception that means the database's storage is failing (read-only, full, unreachable), not a bug:
/// staff get a page saying so (503, try again later) instead of "something went wrong".
/// </summary>
public static class StorageFailures
{
    // SQLite: SQLITE_IOERR, SQLITE_READONLY, SQLITE_FULL, SQLITE_CANTOPEN (primary codes).
    private static readonly int[] SqliteCodes = [10, 8, 13, 14];

    // SQL Server: database read-only, filegroup full, transaction log full.
    private static readonly int[] SqlServerNumbers = [3906, 1105, 9002];

    public static bool IsStorageFailure(Exception? exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            var failing = ex switch
            {
                SqliteException sqlite => SqliteCodes.Contains(sqlite.SqliteErrorCode),
                PostgresException postgres => postgres.SqlState == PostgresErrorCodes.ReadOnlySqlTransaction
                    || postgres.SqlState.StartsWith("53", StringComparison.Ordinal), // insufficient resources: disk full, out of memory
                NpgsqlException npgsql => npgsql.IsTransient, // the server cannot be reached
                SqlException sql => SqlServerNumbers.Contains(sql.Number) || sql.IsTransient,
                _ => false,
            };
            if (failing)
            {
                return true;
            }
        }

        return false;
    }
}
