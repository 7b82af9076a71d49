using System.Globalization;

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Scheduling.Infrastructure.Persistence;

/// <summary>
/// Copies of the embedded SQLite database through SQLite's online backup API. Copying the file
/// itself is wrong while the app runs: committed data may still sit in the -wal file. The backup API
/// reads one consistent snapshot (every transaction committed before it started, none half-done)
/// while the app goes on writing. SQL Server has its own BACKUP/RESTORE (db/README.md).
/// <para>
/// A restore cannot destroy a clinic: it refuses a file that is not this app's database, one whose
/// schema is newer than the app, one that fails the integrity check, and a database an app is running
/// on; and it keeps the database it replaces beside it as <c>…before-restore-&lt;time&gt;</c>.
/// </para>
/// </summary>
public sealed class SqliteBackup(ApplicationDbContext db, TimeProvider clock)
{
    private const string MigrationsHistory = "__EFMigrationsHistory";

    public bool IsAvailable => db.Database.IsSqlite();

    /// <summary>The database file this install uses.</summary>
    public string DatabaseFile => Path.GetFullPath(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource);

    /// <summary>Writes a consistent copy to <paramref name="file"/> (which must not exist) and checks it.</summary>
    public async Task<string> BackupAsync(string file, CancellationToken cancellationToken = default)
    {
        var target = Path.GetFullPath(file);
        if (File.Exists(target))
        {
            throw new RestoreRefusedException($"'{target}' already exists; backups never overwrite a file.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using (var source = new SqliteConnection(db.Database.GetConnectionString()))
        {
            await source.OpenAsync(cancellationToken);
            await CopyAsync(source, target, cancellationToken);
        }

        SqliteConnection.ClearAllPools();
        return target;
    }

    /// <summary>
    /// Replaces the database's content with the backup's, after checking the backup is this app's,
    /// intact and not newer than the app, and that no app holds the database. Only with the app stopped.
    /// </summary>
    public async Task<RestoreResult> RestoreAsync(string file, CancellationToken cancellationToken = default)
    {
        var source = Path.GetFullPath(file);
        if (!File.Exists(source))
        {
            throw new RestoreRefusedException($"'{source}' does not exist; nothing was restored.");
        }

        var live = DatabaseFile;
        if (string.Equals(source, live, StringComparison.Ordinal))
        {
            throw new RestoreRefusedException($"'{source}' is the database itself; restore from a backup file.");
        }

        await using var backup = new SqliteConnection(ConnectionTo(source, readOnly: true));
        try
        {
            await backup.OpenAsync(cancellationToken);
            await EnsureIntactAsync(backup, source, cancellationToken);
        }
        catch (SqliteException ex)
        {
            throw new RestoreRefusedException($"'{source}' is not a readable SQLite database ({ex.Message.TrimEnd('.')}); nothing was restored.");
        }

        var behind = await CheckIsThisAppsAsync(backup, source, cancellationToken);

        // Held for the whole replacement: an app that starts meanwhile waits for it (and one running now refuses us).
        using var running = AppLock.TryTake(live)
            ?? throw new RestoreRefusedException($"An app is running on '{live}'; stop every instance of it, then restore again. Nothing was restored.");

        string? kept = null;
        SqliteConnection.ClearAllPools();
        await using (var current = new SqliteConnection(ConnectionTo(live, readOnly: false)))
        {
            await current.OpenAsync(cancellationToken);
            if (File.Exists(live) && new FileInfo(live).Length > 0)
            {
                kept = $"{live}.before-restore-{clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
                await CopyAsync(current, kept, cancellationToken);
            }

            backup.BackupDatabase(current);
            await EnsureIntactAsync(current, live, cancellationToken);
        }

        SqliteConnection.ClearAllPools();
        return new RestoreResult(source, live, kept, behind);
    }

    /// <summary>
    /// This app's database: it has the migrations history, and every migration in it is one of this
    /// app's. A migration the app does not know means a newer app wrote it (when it is later than all
    /// of this app's) or another application did. Returns how many of the app's migrations it lacks.
    /// </summary>
    private async Task<int> CheckIsThisAppsAsync(SqliteConnection backup, string source, CancellationToken cancellationToken)
    {
        await using (var exists = backup.CreateCommand())
        {
            exists.CommandText = $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{MigrationsHistory}';";
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
            {
                throw new RestoreRefusedException($"'{source}' is not a backup of this app's database (it has no migration history); nothing was restored.");
            }
        }

        var applied = new List<string>();
        await using (var read = backup.CreateCommand())
        {
            read.CommandText = $"SELECT MigrationId FROM \"{MigrationsHistory}\" ORDER BY MigrationId;";
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }

        var known = db.Database.GetMigrations().ToList();
        if (applied.Count == 0)
        {
            throw new RestoreRefusedException($"'{source}' is not a backup of this app's database (its migration history is empty); nothing was restored.");
        }

        var unknown = applied.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            var latest = known.Max(StringComparer.Ordinal) ?? string.Empty;
            throw new RestoreRefusedException(unknown.All(u => string.CompareOrdinal(u, latest) > 0)
                ? $"'{source}' was written by a newer version of the app (migration {unknown[^1]} is unknown to this one); upgrade the app, then restore. Nothing was restored."
                : $"'{source}' is not a backup of this app's database (migration {unknown[0]} is not one of this app's); nothing was restored.");
        }

        return known.Except(applied, StringComparer.Ordinal).Count();
    }

    private static async Task CopyAsync(SqliteConnection source, string target, CancellationToken cancellationToken)
    {
        await using (var copy = new SqliteConnection(ConnectionTo(target, readOnly: false)))
        {
            await copy.OpenAsync(cancellationToken);
            source.BackupDatabase(copy);
        }

        // A single file a person can move around: no WAL companion.
        await using (var copy = new SqliteConnection(ConnectionTo(target, readOnly: false)))
        {
            await copy.OpenAsync(cancellationToken);
            await Execute(copy, "PRAGMA journal_mode=DELETE;", cancellationToken);
            await EnsureIntactAsync(copy, target, cancellationToken);
        }
    }

    private static async Task EnsureIntactAsync(SqliteConnection connection, string file, CancellationToken cancellationToken)
    {
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check;";
        var result = (string?)await check.ExecuteScalarAsync(cancellationToken);
        if (result != "ok")
        {
            throw new RestoreRefusedException($"'{file}' failed SQLite's integrity check ({result?.Split('\n')[0]}); nothing was restored.");
        }
    }

    private static async Task Execute(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string ConnectionTo(string file, bool readOnly) => new SqliteConnectionStringBuilder
    {
        DataSource = file,
        Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
        Pooling = false,
    }.ToString();
}

/// <summary>What a restore did: where from, into which file, where the replaced database is kept, how many migrations the backup lacks.</summary>
public sealed record RestoreResult(string Source, string Database, string? KeptAs, int MigrationsBehind);

/// <summary>A backup or restore that will not go ahead; the message is the one line the operator reads.</summary>
public sealed class RestoreRefusedException(string message) : IOException(message);

/// <summary>
/// The running app's claim on its SQLite database: a lock file beside it (<c>scheduling.db.app-lock</c>)
/// held open for as long as the app serves. Several app processes on one file share it; a restore
/// needs it alone, so it refuses while any app runs, and an app that starts during a restore waits.
/// (File locks are advisory and released by the operating system when the process dies, even by kill -9.)
/// </summary>
public sealed class AppLock : IDisposable
{
    private readonly FileStream _file;

    private AppLock(FileStream file) => _file = file;

    /// <summary>
    /// Taken by a serving app: shared with other app processes on the same file. Null when the database's
    /// folder does not exist: the app does not make it (a mistyped path must not become a new, empty
    /// clinic database), and SQLite then refuses the path with the start-up's one line.
    /// </summary>
    public static AppLock? Hold(string databaseFile)
    {
        if (!Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(databaseFile))))
        {
            return null;
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new AppLock(new FileStream(LockFile(databaseFile), FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite));
            }
            catch (IOException) when (attempt < 600)
            {
                // A restore holds it alone for its few seconds.
                Thread.Sleep(100);
            }
        }
    }

    /// <summary>Taken by a restore: only when no app holds it. Null when one does.</summary>
    public static AppLock? TryTake(string databaseFile)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(databaseFile)!);
        try
        {
            return new AppLock(new FileStream(LockFile(databaseFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _file.Dispose();

    private static string LockFile(string databaseFile) => databaseFile + ".app-lock";
}
