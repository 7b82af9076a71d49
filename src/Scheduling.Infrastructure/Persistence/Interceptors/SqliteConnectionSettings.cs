using System.Data.Common;
using System.Runtime.CompilerServices;

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

using SQLitePCL;

namespace Scheduling.Infrastructure.Persistence.Interceptors;

/// <summary>
/// Per-connection SQLite settings, applied once to each physical connection (Microsoft.Data.Sqlite
/// pools them, so a request usually reuses one that is already set):
/// <c>synchronous=NORMAL</c> (in WAL mode a commit no longer waits for a disk sync; the database
/// stays consistent after a crash, and at worst the last commits before a power cut are lost) and a
/// busy timeout so a writer waits inside SQLite for the one write lock instead of failing.
/// Audit lines that a page waits for are written with FULL by <c>AuditViewWriter</c>.
/// Each connection also reports every row it writes to the <see cref="SqliteWriteGate"/> (SQLite's
/// update hook), which counts a row written while no write turn is held: a write path that bypasses
/// the gate shows there, whichever code sent it.
/// The page cache stays at SQLite's default (2 MB per connection): each pooled connection has its
/// own, so a larger one multiplies by the pool (16 MB each made the app's peak working set 390 MiB
/// under 16 clients) while the operating system's file cache already keeps the database hot for all.
/// </summary>
public sealed class SqliteConnectionSettings(SqliteWriteGate gate) : DbConnectionInterceptor
{
    public const int BusyTimeoutMilliseconds = 30_000;

    public const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";

    // Per app (a test process may host several, each with its own gate), per physical connection.
    private readonly ConditionalWeakTable<object, object> _configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsSettings(connection))
        {
            ReportWrites(connection);
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NeedsSettings(connection))
        {
            ReportWrites(connection);
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private bool NeedsSettings(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && _configured.TryAdd(handle, handle);

    private void ReportWrites(DbConnection connection) =>
        raw.sqlite3_update_hook(((SqliteConnection)connection).Handle, RowWritten, gate);

    // Runs inside SQLite's step for each row: only a counter, never a call back into SQLite.
    private static void RowWritten(object state, int operation, utf8z database, utf8z table, long rowId) =>
        ((SqliteWriteGate)state).RowWritten(table);
}
