using Scheduling.Infrastructure.Persistence;

namespace Scheduling.Web.Commands;

/// <summary>"restore --from FILE": puts a backup back. Stop every instance of the app first.</summary>
public sealed class RestoreCommand(SqliteBackup backup) : IAppCommand
{
    public string Name => "restore";

    public string Usage => "restore --from FILE     replace the SQLite database with a backup (stop the app first)";

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
            await backup.RestoreAsync(file, cancellationToken);
            Console.WriteLine($"Restored from {Path.GetFullPath(file)}. Start the app again.");
            return 0;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
    }
}
