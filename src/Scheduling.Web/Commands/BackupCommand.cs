using Scheduling.Infrastructure.Persistence;

namespace Scheduling.Web.Commands;

/// <summary>"backup --to FILE": a consistent copy of the SQLite database, safe while the app runs and writes.</summary>
public sealed class BackupCommand(SqliteBackup backup) : IAppCommand
{
    public string Name => "backup";

    public string Usage => "backup --to FILE        consistent copy of the SQLite database (app may keep running)";

    public async Task<int> RunAsync(CommandArguments arguments, CancellationToken cancellationToken)
    {
        if (!backup.IsAvailable)
        {
            await Console.Error.WriteLineAsync("backup copies the embedded SQLite database; a server database has its own (SQL Server: BACKUP DATABASE, see db/README.md; PostgreSQL: pg_dump).");
            return 2;
        }

        if (arguments.Get("to") is not { Length: > 0 } file)
        {
            await Console.Error.WriteLineAsync("Usage: " + Usage);
            return 2;
        }

        try
        {
            var written = await backup.BackupAsync(file, cancellationToken);
            Console.WriteLine($"Backed up to {written} (integrity check ok).");
            return 0;
        }
        catch (IOException ex)
        {
            // RestoreRefusedException (the file exists) and the disk's own errors (full, read-only): one line.
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            await Console.Error.WriteLineAsync($"The backup could not be written ({ex.Message.TrimEnd('.')}).");
            return 1;
        }
    }
}
