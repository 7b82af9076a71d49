using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Infrastructure.Persistence;

namespace Scheduling.Infrastructure.Identity;

internal sealed class Accounts(UserManager<ApplicationUser> users, ApplicationDbContext db, SignInAttempts attempts, TimeProvider clock) : IAccounts
{
    public async Task<IReadOnlyList<AccountInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var accounts = await db.Users.AsNoTracking().OrderBy(u => u.FullName).ThenBy(u => u.Email).ToListAsync(cancellationToken);
        var roles = await RolesByUserAsync(null, cancellationToken);
        var now = clock.GetUtcNow();
        return accounts.Select(u => Info(u, roles.GetValueOrDefault(u.Id) ?? [], now)).ToList();
    }

    public async Task<AccountInfo?> FindAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        return user is null ? null : Info(user, (await RolesByUserAsync(userId, cancellationToken)).GetValueOrDefault(userId) ?? [], clock.GetUtcNow());
    }

    public async Task<AccountInfo?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        return user is null ? null : await FindAsync(user.Id, cancellationToken);
    }

    public async Task<Result<string>> CreateAsync(NewAccount account, CancellationToken cancellationToken)
    {
        var email = account.Email.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return Error.Conflict("An account with this email already exists.", "Email");
        }

        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = false,
            FullName = account.FullName.Trim(),
            PracticeName = Blank(account.PracticeName),
            PracticePhone = Blank(account.PracticePhone),
            Npi = Blank(account.Npi),
            LockoutEnabled = true,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return created.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName")
                ? Error.Conflict("An account with this email already exists.", "Email")
                : Error.Validation("Email", string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        Ensure(await users.AddToRolesAsync(user, account.Roles.Distinct()));
        return user.Id;
    }

    public async Task SetRolesAsync(string userId, IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
    {
        var user = await RequireAsync(userId);
        var current = await users.GetRolesAsync(user);
        var remove = current.Except(roles).ToList();
        var add = roles.Except(current).ToList();
        if (remove.Count > 0)
        {
            Ensure(await users.RemoveFromRolesAsync(user, remove));
        }

        if (add.Count > 0)
        {
            Ensure(await users.AddToRolesAsync(user, add));
        }

        // A role removed must not stay in an open session's cookie.
        Ensure(await users.UpdateSecurityStampAsync(user));
    }

    public async Task SetDeactivatedAsync(string userId, DateTime? deactivatedAtUtc, CancellationToken cancellationToken)
    {
        var user = await RequireAsync(userId);
        user.DeactivatedAtUtc = deactivatedAtUtc;
        Ensure(await users.UpdateAsync(user));
        Ensure(await users.UpdateSecurityStampAsync(user));
    }

    public async Task UnlockAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await RequireAsync(userId);
        Ensure(await users.SetLockoutEndDateAsync(user, null));
        Ensure(await users.ResetAccessFailedCountAsync(user));
        await attempts.ForgetFailuresAsync(user.Email!, cancellationToken);
    }

    public async Task ResetTwoFactorAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await RequireAsync(userId);
        Ensure(await users.SetTwoFactorEnabledAsync(user, false));
        Ensure(await users.RemoveAuthenticationTokenAsync(user, TwoFactorSecretsStore.LoginProvider, TwoFactorSecretsStore.RecoveryCodesName));
        // A new key (the lost phone's copy is dead) and a new security stamp (every session ends).
        Ensure(await users.ResetAuthenticatorKeyAsync(user));
        Ensure(await SingleUseAuthenticatorTokenProvider.ForgetLastStepAsync(users, user));
        Ensure(await users.UpdateSecurityStampAsync(user));
    }

    public async Task<bool> VerifyTwoFactorCodeAsync(string userId, string code, CancellationToken cancellationToken)
    {
        var user = await RequireAsync(userId);
        var digits = new string((code ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        return await users.GetTwoFactorEnabledAsync(user)
            && digits.Length == 6
            && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, digits);
    }

    public async Task<Error?> SetPasswordAsync(string userId, string password, CancellationToken cancellationToken)
    {
        var user = await RequireAsync(userId);
        if (await ValidatePasswordAsync(user, password) is { } refused)
        {
            return refused;
        }

        if (await users.HasPasswordAsync(user))
        {
            Ensure(await users.RemovePasswordAsync(user));
        }

        Ensure(await users.AddPasswordAsync(user, password));

        // Whoever holds the email holds the account: the address is confirmed, a lockout is over.
        user.EmailConfirmed = true;
        Ensure(await users.UpdateAsync(user));
        Ensure(await users.SetLockoutEndDateAsync(user, null));
        Ensure(await users.ResetAccessFailedCountAsync(user));
        await attempts.ForgetFailuresAsync(user.Email!, cancellationToken);
        return null;
    }

    public async Task<Error?> ChangePasswordAsync(string userId, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        var user = await RequireAsync(userId);
        if (!await users.CheckPasswordAsync(user, currentPassword))
        {
            return Error.Validation("CurrentPassword", "The current password is not correct.");
        }

        if (await ValidatePasswordAsync(user, newPassword) is { } refused)
        {
            return refused;
        }

        var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        return changed.Succeeded ? null : Error.Validation("Password", string.Join(" ", changed.Errors.Select(e => e.Description)));
    }

    public async Task<int> CountActiveAdminsAsync(CancellationToken cancellationToken) =>
        (await users.GetUsersInRoleAsync(Application.Common.Security.Roles.Admin)).Count(u => u.DeactivatedAtUtc is null);

    private async Task<Error?> ValidatePasswordAsync(ApplicationUser user, string password)
    {
        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            problems.AddRange(result.Errors.Select(e => e.Description));
        }

        return problems.Count == 0 ? null : Error.Validation("Password", string.Join(" ", problems.Distinct()));
    }

    private async Task<Dictionary<string, List<string>>> RolesByUserAsync(string? userId, CancellationToken cancellationToken)
    {
        var query = from ur in db.UserRoles
                    join r in db.Roles on ur.RoleId equals r.Id
                    where userId == null || ur.UserId == userId
                    select new { ur.UserId, r.Name };
        var rows = await query.AsNoTracking().ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.Select(r => r.Name!).Order().ToList());
    }

    private static AccountInfo Info(ApplicationUser user, IReadOnlyList<string> roles, DateTimeOffset now) => new(
        user.Id,
        user.FullName,
        user.Email ?? string.Empty,
        roles,
        user.DeactivatedAtUtc is not null ? AccountStatus.Deactivated
            : user.LockoutEnd is { } end && end > now ? AccountStatus.Locked
            : user.PasswordHash is null ? AccountStatus.Invited
            : AccountStatus.Active,
        user.TwoFactorEnabled,
        user.LastSignInAtUtc,
        user.PracticeName,
        user.PracticePhone,
        user.Npi);

    private async Task<ApplicationUser> RequireAsync(string userId) =>
        await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("The account does not exist.");

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void Ensure(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Identity refused: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }
}
