using Scheduling.Domain.Common;

namespace Scheduling.Domain.Accounts;

public enum AccountLinkPurpose
{
    /// <summary>A new account (invited by an admin, an approved access request, or the create-admin command) chooses its first password.</summary>
    Invitation,

    /// <summary>An existing account chooses a new password (forgot password, or sent by an admin).</summary>
    PasswordReset,
}

/// <summary>
/// A single-use, expiring link that lets the holder of one account choose its password. Only the
/// SHA-256 of the random token is stored, and the token itself exists only in the email (it is
/// minted when the email is composed, so it is never in the outbox row or a job argument). A newer
/// link for the same account and purpose revokes the older ones.
/// </summary>
public sealed class AccountLink : Entity
{
    public const int HashLength = 32;

    /// <summary>
    /// At most this many links (of any purpose: invitations and password resets together) are made for
    /// one account in <see cref="SendingWindow"/> by "forgot password": asked again and again (by the
    /// person or by someone who knows the address) it sends a few emails, not a flood. The last one sent
    /// stays usable.
    /// </summary>
    public const int MostPerWindow = 3;

    public static readonly TimeSpan SendingWindow = TimeSpan.FromHours(1);
    public const int UserIdMaxLength = 450;

    private AccountLink()
    {
        UserId = string.Empty;
    }

    public string UserId { get; private init; }

    public AccountLinkPurpose Purpose { get; private init; }

    /// <summary>Null until the email carrying the link is composed.</summary>
    public byte[]? TokenHash { get; private set; }

    public DateTime CreatedAtUtc { get; private init; }

    public DateTime ExpiresAtUtc { get; private init; }

    public DateTime? UsedAtUtc { get; private set; }

    public DateTime? RevokedAtUtc { get; private set; }

    public static AccountLink Create(string userId, AccountLinkPurpose purpose, DateTime nowUtc, TimeSpan lifetime)
    {
        if (lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), "A link must live for some time.");
        }

        return new AccountLink
        {
            UserId = userId,
            Purpose = purpose,
            CreatedAtUtc = nowUtc,
            ExpiresAtUtc = nowUtc + lifetime,
        };
    }

    public bool IsUsable(DateTime nowUtc) => TokenHash is not null && UsedAtUtc is null && RevokedAtUtc is null && nowUtc < ExpiresAtUtc;

    /// <summary>Whether an email for this link may still go out (not used, revoked or expired).</summary>
    public bool IsOpen(DateTime nowUtc) => UsedAtUtc is null && RevokedAtUtc is null && nowUtc < ExpiresAtUtc;

    /// <summary>
    /// Binds the token of the email being sent. Sending again (a retry after a crash) replaces the
    /// hash, so only the most recently sent copy works.
    /// </summary>
    public void IssueToken(byte[] tokenHash)
    {
        if (tokenHash.Length != HashLength)
        {
            throw new ArgumentException("A token hash is a SHA-256 digest.", nameof(tokenHash));
        }

        TokenHash = tokenHash;
    }

    public void Use(DateTime nowUtc)
    {
        if (!IsUsable(nowUtc))
        {
            throw new DomainException("This link can no longer be used.");
        }

        UsedAtUtc = nowUtc;
    }

    public void Revoke(DateTime nowUtc) => RevokedAtUtc ??= nowUtc;
}
