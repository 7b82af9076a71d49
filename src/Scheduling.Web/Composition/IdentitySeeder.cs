using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Security;
using Scheduling.Infrastructure.Identity;
using Scheduling.Infrastructure.Persistence;

namespace Scheduling.Web.Composition;

/// <summary>
/// Creates the four roles everywhere; creates the demo accounts only in Development; and, in any
/// environment, a first administrator when Bootstrap:AdminEmail/AdminPassword are configured and no
/// administrator exists yet (how a production install gets its first login). Several instances may
/// start at once on an empty database: a role or account another instance created first counts as
/// created (the database's unique index decides), instead of stopping this instance.
/// </summary>
public sealed partial class IdentitySeeder(
    RoleManager<IdentityRole> roles,
    UserManager<ApplicationUser> users,
    BootstrapOptions bootstrap,
    IHostEnvironment environment,
    ApplicationDbContext db,
    IDatabaseErrors errors,
    ILogger<IdentitySeeder> logger)
{
    public const string DemoPassword = "tace-demo-password";

    public static readonly IReadOnlyList<DemoAccount> DemoAccounts =
    [
        new("admin@clinic.test", "Alex Admin", Roles.Admin, null),
        new("scheduler@clinic.test", "Sam Scheduler", Roles.Scheduler, null),
        new("radiologist@clinic.test", "Dr. Riley Radiologist", Roles.Radiologist, null),
        new("doctor@clinic.test", "Dr. Dana Oncologist", Roles.ReferringPhysician, "Riverside Oncology"),
        new("doctor2@clinic.test", "Dr. Morgan Hepatologist", Roles.ReferringPhysician, "Lakeside Liver Center"),
    ];

    public async Task SeedAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await CreateUnlessAnotherInstanceDidAsync(
                    () => roles.CreateAsync(new IdentityRole(role)), () => roles.RoleExistsAsync(role), role);
            }
        }

        if (environment.IsDevelopment())
        {
            foreach (var account in DemoAccounts)
            {
                await EnsureUserAsync(account.Email, account.FullName, account.Role, account.Practice, DemoPassword);
            }
        }

        if (bootstrap.IsSet && (await users.GetUsersInRoleAsync(Roles.Admin)).Count == 0)
        {
            await EnsureUserAsync(bootstrap.AdminEmail!, "Administrator", Roles.Admin, null, bootstrap.AdminPassword!);
            LogBootstrapAdmin(logger);
        }
    }

    private async Task EnsureUserAsync(string email, string fullName, string role, string? practice, string password)
    {
        if (await users.FindByEmailAsync(email) is not null)
        {
            return;
        }

        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            FullName = fullName,
            PracticeName = practice,
            PracticePhone = practice is null ? null : "555-0100",
            LockoutEnabled = true,
        };
        if (!await CreateUnlessAnotherInstanceDidAsync(
            () => users.CreateAsync(user, password), async () => await users.FindByEmailAsync(email) is not null, email))
        {
            return;
        }

        Ensure(await users.AddToRoleAsync(user, role), email);
    }

    /// <summary>True when this call created it; false when another instance had just done so.</summary>
    private async Task<bool> CreateUnlessAnotherInstanceDidAsync(Func<Task<IdentityResult>> create, Func<Task<bool>> exists, string what)
    {
        IdentityResult result;
        try
        {
            result = await create();
        }
        catch (DbUpdateException ex) when (errors.IsUniqueViolation(ex))
        {
            // The refused row stays tracked as Added; forget it so later saves do not try it again.
            db.ChangeTracker.Clear();
            result = IdentityResult.Failed();
        }

        if (result.Succeeded)
        {
            return true;
        }

        db.ChangeTracker.Clear();
        if (await exists())
        {
            return false;
        }

        Ensure(result, what);
        return false;
    }

    private static void Ensure(IdentityResult result, string what)
    {
        if (!result.Succeeded && result.Errors.All(e => e.Code.StartsWith("Duplicate", StringComparison.Ordinal)))
        {
            // Another instance starting at the same moment created it between our check and our insert.
            throw new ConcurrentSeedingException(what);
        }

        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Seeding '{what}' failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the first administrator from Bootstrap settings; remove them from configuration now.")]
    private static partial void LogBootstrapAdmin(ILogger logger);

    public sealed record DemoAccount(string Email, string FullName, string Role, string? Practice);
}
