using System.Security.Cryptography;
using System.Text;

using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

using Scheduling.Infrastructure.Persistence;

namespace Scheduling.Infrastructure.Identity;

/// <summary>
/// Identity's user store with the second factor's secrets unreadable in the database, and so in every
/// backup: the authenticator key is encrypted with data protection (whose key ring the configured
/// certificate encrypts), and recovery codes are kept as salted PBKDF2 hashes, checked when one is
/// used and never readable again. Identity keeps both in AspNetUserTokens; this store only changes
/// what it writes there and how it reads it back.
/// A key this installation cannot decrypt (a database restored where the key ring's certificate is
/// missing) reads as no key: the authenticator code is refused like a wrong one, recovery codes still
/// sign in, and a warning says why (README, "Keys").
/// </summary>
public sealed partial class TwoFactorSecretsStore(
    ApplicationDbContext context,
    IDataProtectionProvider protection,
    ILogger<TwoFactorSecretsStore> logger,
    IdentityErrorDescriber? describer = null)
    : UserStore<ApplicationUser, IdentityRole, ApplicationDbContext>(context, describer)
{
    // Identity's own names for the two rows (UserStoreBase keeps them private).
    internal const string LoginProvider = "[AspNetUserStore]";
    internal const string AuthenticatorKeyName = "AuthenticatorKey";
    internal const string RecoveryCodesName = "RecoveryCodes";

    public override Task SetAuthenticatorKeyAsync(ApplicationUser user, string key, CancellationToken cancellationToken) =>
        base.SetAuthenticatorKeyAsync(user, TwoFactorSecrets.ProtectKey(protection, key), cancellationToken);

    public override async Task<string?> GetAuthenticatorKeyAsync(ApplicationUser user, CancellationToken cancellationToken)
    {
        var stored = await base.GetAuthenticatorKeyAsync(user, cancellationToken);
        try
        {
            return TwoFactorSecrets.UnprotectKey(protection, stored);
        }
        catch (CryptographicException)
        {
            LogKeyUnreadable(logger, user.Id);
            return null;
        }
    }

    public override Task ReplaceCodesAsync(ApplicationUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        base.ReplaceCodesAsync(user, [.. recoveryCodes.Select(TwoFactorSecrets.HashCode)], cancellationToken);

    /// <summary>Removes the one stored code the given code matches (base would compare and re-save clear text).</summary>
    public override async Task<bool> RedeemCodeAsync(ApplicationUser user, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(code);
        var stored = (await GetTokenAsync(user, LoginProvider, RecoveryCodesName, cancellationToken) ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries);
        var match = Array.FindIndex(stored, s => TwoFactorSecrets.CodeMatches(s, code));
        if (match < 0)
        {
            return false;
        }

        await SetTokenAsync(user, LoginProvider, RecoveryCodesName, string.Join(';', stored.Where((_, i) => i != match)), cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The authenticator key of account {UserId} cannot be decrypted here: the data-protection key that encrypted it is not in this installation's key ring (a database restored without its key certificate?). Its authenticator codes are refused; its recovery codes still sign in. Install the certificate the database was made with (README, \"Keys\"), or have the person set up two-factor again.")]
    private static partial void LogKeyUnreadable(ILogger logger, string userId);
}

/// <summary>
/// How the second factor's secrets are stored, and the conversion of rows written in clear text by
/// earlier versions. The rule for existing enrolments: at the first start of this version each clear
/// authenticator key is encrypted in place and each clear recovery code replaced by its hash, so
/// nobody enrols again: the authenticator app and the recovery codes people hold keep working.
/// </summary>
public static class TwoFactorSecrets
{
    private const string KeyPrefix = "dp1:";
    private const string HashPrefix = "pbkdf2:";
    private const string Purpose = "Scheduling.Identity.AuthenticatorKey.v1";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>
    /// PBKDF2-SHA256 rounds: a recovery code holds 50 random bits, so a stolen backup would cost
    /// 2^50 × this many hashes per code (years on a GPU); checking a code costs a sign-in at most ten of them.
    /// </summary>
    private const int Iterations = 10_000;

    public static string ProtectKey(IDataProtectionProvider protection, string key) =>
        KeyPrefix + protection.CreateProtector(Purpose).Protect(key);

    /// <summary>The key in clear; a value without the prefix is one written before this version (converted at start).</summary>
    public static string? UnprotectKey(IDataProtectionProvider protection, string? stored) =>
        stored is not null && stored.StartsWith(KeyPrefix, StringComparison.Ordinal)
            ? protection.CreateProtector(Purpose).Unprotect(stored[KeyPrefix.Length..])
            : stored;

    public static string HashCode(string code)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Normalize(code), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return $"{HashPrefix}{Convert.ToBase64String(salt)}:{Convert.ToBase64String(hash)}";
    }

    public static bool CodeMatches(string stored, string code)
    {
        if (!stored.StartsWith(HashPrefix, StringComparison.Ordinal))
        {
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Normalize(stored)), Encoding.UTF8.GetBytes(Normalize(code)));
        }

        var parts = stored[HashPrefix.Length..].Split(':');
        if (parts.Length != 2)
        {
            return false;
        }

        var expected = Convert.FromBase64String(parts[1]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Normalize(code), Convert.FromBase64String(parts[0]), Iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>
    /// Encrypts every clear authenticator key and hashes every clear recovery code (the rule above);
    /// rows already converted are left alone, so it runs at every start and on any number of instances.
    /// Returns how many accounts' rows it changed.
    /// </summary>
    public static async Task<int> ConvertClearTextAsync(ApplicationDbContext db, IDataProtectionProvider protection, CancellationToken cancellationToken)
    {
        var rows = await db.Set<IdentityUserToken<string>>()
            .Where(t => t.LoginProvider == TwoFactorSecretsStore.LoginProvider
                && (t.Name == TwoFactorSecretsStore.AuthenticatorKeyName || t.Name == TwoFactorSecretsStore.RecoveryCodesName))
            .ToListAsync(cancellationToken);
        var changed = new HashSet<string>();
        foreach (var row in rows.Where(r => r.Value is { Length: > 0 }))
        {
            if (row.Name == TwoFactorSecretsStore.AuthenticatorKeyName && !row.Value!.StartsWith(KeyPrefix, StringComparison.Ordinal))
            {
                row.Value = ProtectKey(protection, row.Value!);
                changed.Add(row.UserId);
            }
            else if (row.Name == TwoFactorSecretsStore.RecoveryCodesName
                && row.Value!.Split(';', StringSplitOptions.RemoveEmptyEntries) is var codes
                && codes.Any(c => !c.StartsWith(HashPrefix, StringComparison.Ordinal)))
            {
                row.Value = string.Join(';', codes.Select(c => c.StartsWith(HashPrefix, StringComparison.Ordinal) ? c : HashCode(c)));
                changed.Add(row.UserId);
            }
        }

        if (changed.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return changed.Count;
    }

    private static string Normalize(string code) => code.Trim().ToUpperInvariant();
}
