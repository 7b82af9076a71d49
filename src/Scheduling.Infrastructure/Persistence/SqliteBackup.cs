using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Scheduling.Infrastructure.Persistence;

/// <summary>
/// Copies of the embedded SQLite database through SQLite's online backup API. Copying the file
/// itself is wrong while the app runs: committed data may still sit in the -wal file. The backup API
/// reads one consistent snapshot (every transaction committed before it started, none half-done)
/// while the app goes on writing. SQL Server has its own BACKUP/RESTORE (db/README.md).
/// </summary>
public sealed class SqliteBackup(ApplicationDbContext db)
{
    public bool IsAvailable => db.Database.IsSqlite();

    /// <summary>Writes a consistent copy to <paramref name="file"/> (which must not exist) and checks it.</summary>
    public async Task<string> BackupAsync(string file, CancellationToken cancellationToken = default)
    {
        var target = Path.GetFullPath(file);
        if (File.Exists(target))
        {
            throw new IOException($"'{target}' already exists; backups never overwrite a file.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using (var source = new SqliteConnection(db.Database.GetConnectionString()))
        await using (var copy = new SqliteConnection(ConnectionTo(target)))
        {
            await source.OpenAsync(cancellationToken);
            await copy.OpenAsync(cancellationToken);
            source.BackupDatabase(copy);
        }

        // A single file a person can move around: no WAL companion.
        await using (var copy = new SqliteConnection(ConnectionTo(target)))
        {
            await copy.OpenAsync(cancellationToken);
            await Execute(copy, "PRAGMA journal_mode=DELETE;", cancellationToken);
            await EnsureIntactAsync(copy, target, cancellationToken);
        }

        SqliteConnection.ClearAllPools();
        return target;
    }

    /// <summary>Replaces the database's content with the backup's. Only with the app stopped.</summary>
    public async Task<string> RestoreAsync(string file, CancellationToken cancellationToken = default)
    {
        var source = Path.GetFullPath(file);
        if (!File.Exists(source))
        {
            throw new FileNotFoundException($"'{source}' does not exist.", source);
        }

        await using (var backup = new SqliteConnection(ConnectionTo(source, readOnly: true)))
        {
            await backup.OpenAsync(cancellationToken);
            await EnsureIntactAsync(backup, source, cancellationToken);
            await using var live = new SqliteConnection(db.Database.GetConnectionString());
            await live.OpenAsync(cancellationToken);
            backup.BackupDatabase(live);
        }

        SqliteConnection.ClearAllPools();
        return db.Database.GetConnectionString()!;
    }

    private static async Task EnsureIntactAsync(SqliteConnection connection, string file, CancellationToken cancellationToken)
    {
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check;";
        var result = (string?)await check.ExecuteScalarAsync(cancellationToken);
        if (result != "ok")
        {
            throw new InvalidDataException($"'{file}' failed SQLite's integrity check: {result}");
        }
    }

    private static async Task Execute(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string ConnectionTo(string file, bool readOnly = false) => new SqliteConnectionStringBuilder
    {
        DataSource = file,
        Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
        Pooling = false,
    }.ToString();
}
