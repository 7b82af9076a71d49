using Scheduling.Application.Common.Results;

namespace Scheduling.Application.Common.Abstractions;

public enum AccountStatus
{
    /// <summary>Created, no password chosen yet.</summary>
    Invited,
    Active,
    Locked,
    Deactivated,
}

public sealed record AccountInfo(
    string UserId,
    string FullName,
    string Email,
    IReadOnlyList<string> Roles,
    AccountStatus Status,
    bool TwoFactorEnabled,
    DateTime? LastSignInAtUtc,
    string? PracticeName,
    string? PracticePhone,
    string? Npi);

public sealed record NewAccount(string FullName, string Email, IReadOnlyCollection<string> Roles, string? PracticeName, string? PracticePhone, string? Npi);

/// <summary>
/// The accounts store (ASP.NET Core Identity underneath) as the use cases need it. It works on the
/// same DbContext and so inside the command's transaction; it writes no audit lines: the use cases do.
/// No method takes or returns a password hash, and none sets a password chosen by anyone but the
/// account holder.
/// </summary>
public interface IAccounts
{
    Task<IReadOnlyList<AccountInfo>> ListAsync(CancellationToken cancellationToken);

    Task<AccountInfo?> FindAsync(string userId, CancellationToken cancellationToken);

    Task<AccountInfo?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    /// <summary>Creates an account without a password (status Invited); Conflict when the email is taken.</summary>
    Task<Result<string>> CreateAsync(NewAccount account, CancellationToken cancellationToken);

    Task SetRolesAsync(string userId, IReadOnlyCollection<string> roles, CancellationToken cancellationToken);

    /// <summary>Deactivates (ending every session: the security stamp changes) or reactivates.</summary>
    Task SetDeactivatedAsync(string userId, DateTime? deactivatedAtUtc, CancellationToken cancellationToken);

    Task UnlockAsync(string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Two-factor off, its key and recovery codes gone, every session ended (the security stamp
    /// changes): the holder sets it up again at the next sign-in (where their role requires it).
    /// </summary>
    Task ResetTwoFactorAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Whether the account has two-factor on and <paramref name="code"/> is its authenticator's code now (each code once).</summary>
    Task<bool> VerifyTwoFactorCodeAsync(string userId, string code, CancellationToken cancellationToken);

    /// <summary>The holder's new password after the password rules; ends other sessions. A Validation error names the field "Password".</summary>
    Task<Error?> SetPasswordAsync(string userId, string password, CancellationToken cancellationToken);

    Task<Error?> ChangePasswordAsync(string userId, string currentPassword, string newPassword, CancellationToken cancellationToken);

    /// <summary>Administrators who are not deactivated.</summary>
    Task<int> CountActiveAdminsAsync(CancellationToken cancellationToken);
}
