using Hangfire.SqlServer;

using Microsoft.EntityFrameworkCore;

using Scheduling.Infrastructure.Persistence;

namespace Scheduling.Web.Commands;

/// <summary>
/// Applies pending migrations and exits, for installs that set Database:MigrateAtStartup=false and
/// run schema changes with a login that may change the schema (the app's own login need not).
/// Safe to run while another instance starts: EF Core takes its migration lock. With SQL Server it
/// also creates or upgrades Hangfire's tables, which the app then leaves alone.
/// </summary>
public sealed class MigrateCommand(DatabaseInitializer initializer, ApplicationDbContext db) : IAppCommand
{
    public const string HangfireSchema = "hangfire";

    public string Name => "migrate";

    public string Usage => "migrate                 apply pending database migrations, then exit";

    public async Task<int> RunAsync(CommandArguments arguments, CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await initializer.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlServer())
        {
            await using var connection = new Microsoft.Data.SqlClient.SqlConnection(db.Database.GetConnectionString());
            await connection.OpenAsync(cancellationToken);
            SqlServerObjectsInstaller.Install(connection, HangfireSchema, enableHeavyMigrations: true);
        }
        Console.WriteLine(pending.Count == 0
            ? "The database is up to date; nothing to apply."
            : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}.");
        return 0;
    }
}
