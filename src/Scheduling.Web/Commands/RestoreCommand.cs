using Scheduling.Infrastructure.Persistence;

namespace Scheduling.Web.Commands;

/// <summary>
/// "restore --from FILE": puts a backup back, with every instance of the app stopped. Refuses (one
/// line, exit code 1) a file that is not this app's database, one written by a newer version, one
/// that fails the integrity check, and a database an app is running on; keeps the database it
/// replaces as <c>scheduling.db.before-restore-&lt;time&gt;</c> and says where.
/// </summary>
public sealed class RestoreCommand(SqliteBackup backup) : IAppCommand
{
    public string Name => "restore";

    public string Usage => "restore --from FILE     replace the SQLite database with a backup (stop the app first; the old one is kept)";

    public async Task<int> RunAsync(CommandArguments arguments, CancellationToken cancellationToken)
    {
        if (!backup.IsAvailable)
        {
            await Console.Error.WriteLineAsync("restore puts back the embedded SQLite database; a server database has its own (SQL Server: RESTORE DATABASE, see db/README.md; PostgreSQL: pg_restore).");
            return 2;
        }

        if (arguments.Get("from") is not { Length: > 0 } file)
        {
            await Console.Error.WriteLineAsync("Usage: " + Usage);
            return 2;
        }

        try
        {
            var restored = await backup.RestoreAsync(file, cancellationToken);
            Console.WriteLine($"Restored {restored.Database} from {restored.Source}.");
            Console.WriteLine(restored.KeptAs is { } kept
                ? $"The database it replaced is kept as {kept}."
                : "There was no database to replace.");
            if (restored.MigrationsBehind > 0)
            {
                Console.WriteLine($"The backup lacks {restored.MigrationsBehind} migration(s) of this version; the app applies them at its next start (or run 'migrate').");
            }

            Console.WriteLine("Start the app again.");
            return 0;
        }
        catch (RestoreRefusedException refused)
        {
            await Console.Error.WriteLineAsync(refused.Message);
            return 1;
        }
    }
}
