using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Infrastructure;
using Scheduling.Infrastructure.Identity;
using Scheduling.Infrastructure.Persistence;

namespace Scheduling.Web.Composition;

/// <summary>
/// What a start does to the database before serving: migrate (unless Database:MigrateAtStartup is
/// false, when a database that is behind stops the start instead), then seed. Several instances may
/// start at the same moment on one empty database: EF Core's migration lock serializes the
/// migrations, and the seeders are idempotent, so when another instance inserts the same role, user
/// or room first (the unique index refuses ours) the seeding simply runs again and finds it there.
/// </summary>
public static partial class StartupTasks
{
    // Each lost race means the other instance made that row, so the next pass gets past it: two
    // instances in lockstep collide at most once per seeded row (roles, accounts, rooms: a dozen).
    private const int SeedingPasses = 50;

    public static async Task PrepareDatabaseAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        var database = app.Services.GetRequiredService<DatabaseOptions>();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            if (database.Provider == DatabaseProvider.Sqlite)
            {
                // Held while the app serves: a restore refuses to replace the database under it, and
                // this start waits while a restore is replacing it.
                var held = AppLock.Hold(scope.ServiceProvider.GetRequiredService<SqliteBackup>().DatabaseFile);
                if (held is not null)
                {
                    app.Lifetime.ApplicationStopped.Register(held.Dispose);
                }
            }

            if (database.MigrateAtStartup)
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
            }
            else
            {
                var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
                if (pending > 0)
                {
                    throw new InvalidSettingsException(
                        [$"Database:MigrateAtStartup is false and the database lacks {pending} migration(s); run the 'migrate' command (or db/sqlserver/schema.sql) first."]);
                }
            }
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartupTasks).FullName!);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // Before anything is protected (the conversion below, the first request): one key for all instances.
            await KeyRing.EnsureKeyInUseAsync(scope.ServiceProvider, cancellationToken);

            // Enrolments stored in clear text by an earlier version: keys encrypted, codes hashed (TwoFactorSecrets).
            var converted = await TwoFactorSecrets.ConvertClearTextAsync(
                scope.ServiceProvider.GetRequiredService<ApplicationDbContext>(),
                scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>(),
                cancellationToken);
            if (converted > 0)
            {
                LogTwoFactorConverted(logger, converted);
            }
        }

        for (var pass = 1; ; pass++)
        {
            // A fresh scope each pass: a DbContext that lost a unique-index race still tracks the
            // rejected rows and would try to insert them again.
            await using var scope = app.Services.CreateAsyncScope();
            var databaseErrors = scope.ServiceProvider.GetRequiredService<IDatabaseErrors>();
            try
            {
                await scope.ServiceProvider.GetRequiredService<IdentitySeeder>().SeedAsync();
                await scope.ServiceProvider.GetRequiredService<DemoScheduleSeeder>().SeedAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (pass < SeedingPasses
                && (ex is ConcurrentSeedingException || (ex is DbUpdateException update && databaseErrors.IsUniqueViolation(update))))
            {
                LogSeedingRace(logger, pass);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Two-factor secrets of {Accounts} account(s) were stored in clear text by an earlier version: authenticator keys are now encrypted and recovery codes hashed; nobody needs to enrol again.")]
    private static partial void LogTwoFactorConverted(ILogger logger, int accounts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another instance seeded the same data first (pass {Pass}); seeding again to pick up what it made.")]
    private static partial void LogSeedingRace(ILogger logger, int pass);
}

/// <summary>A seeder found that another instance created the same row between its check and its insert.</summary>
public sealed class ConcurrentSeedingException(string what) : Exception($"'{what}' was created concurrently by another instance.");
