namespace Scheduling.Domain.Accounts;

/// <summary>
/// One signed-in browser. The sign-in cookie carries only a random session key; this row (found by
/// the key's SHA-256, so a copy of the database cannot be turned into working cookies) holds the
/// sign-in itself. Ending the row ends the session on every instance at the next request.
/// </summary>
public sealed class UserSession
{
    public const int KeyHashLength = 32;
    public const int UserIdMaxLength = 450;
    public const int SecurityStampMaxLength = 256;
    public const int ClientAddressMaxLength = 64;
    public const int DeviceMaxLength = 120;
    public const int EndReasonMaxLength = 32;

    /// <summary>Last-seen is a convenience for the session list: written at most this often per session.</summary>
    public static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    private UserSession()
    {
        KeyHash = [];
        UserId = string.Empty;
        Ticket = [];
    }

    public Guid Id { get; private init; }

    public byte[] KeyHash { get; private init; }

    public string UserId { get; private set; }

    /// <summary>The user's security stamp when the session was (re)issued; a changed stamp ends the session.</summary>
    public string? SecurityStamp { get; private set; }

    /// <summary>The serialized sign-in (claims and cookie properties), opaque to the domain.</summary>
    public byte[] Ticket { get; private set; }

    public DateTime CreatedAtUtc { get; private init; }

    public DateTime LastSeenAtUtc { get; private set; }

    /// <summary>Idle expiry: moved forward as the user keeps working, never past <see cref="ExpiresAtUtc"/>.</summary>
    public DateTime IdleExpiresAtUtc { get; private set; }

    /// <summary>Absolute end, fixed at sign-in however active the user is.</summary>
    public DateTime ExpiresAtUtc { get; private init; }

    public string? ClientAddress { get; private init; }

    public string? Device { get; private init; }

    public DateTime? EndedAtUtc { get; private set; }

    public string? EndReason { get; private set; }

    public static UserSession Start(
        byte[] keyHash,
        string userId,
        string? securityStamp,
        byte[] ticket,
        DateTime nowUtc,
        DateTime idleExpiresAtUtc,
        TimeSpan absoluteLifetime,
        string? clientAddress,
        string? device)
    {
        if (keyHash.Length != KeyHashLength)
        {
            throw new ArgumentException("A session key hash is a SHA-256 digest.", nameof(keyHash));
        }

        var expires = nowUtc + absoluteLifetime;
        return new UserSession
        {
            Id = Guid.CreateVersion7(),
            KeyHash = keyHash,
            UserId = userId,
            SecurityStamp = securityStamp,
            Ticket = ticket,
            CreatedAtUtc = nowUtc,
            LastSeenAtUtc = nowUtc,
            IdleExpiresAtUtc = Min(idleExpiresAtUtc, expires),
            ExpiresAtUtc = expires,
            ClientAddress = Truncate(clientAddress, ClientAddressMaxLength),
            Device = Truncate(device, DeviceMaxLength),
        };
    }

    public bool IsActive(DateTime nowUtc) => EndedAtUtc is null && nowUtc < ExpiresAtUtc && nowUtc < IdleExpiresAtUtc;

    /// <summary>Why an open row may no longer be used, or null when it may (the user's current stamp and status given).</summary>
    public string? RefusalReason(DateTime nowUtc, string? currentSecurityStamp, bool userDeactivated) =>
        EndedAtUtc is not null ? EndReason ?? SessionEndReasons.SignedOut
        : userDeactivated ? SessionEndReasons.UserDeactivated
        : !string.Equals(SecurityStamp, currentSecurityStamp, StringComparison.Ordinal) ? SessionEndReasons.SecurityStampChanged
        : nowUtc >= ExpiresAtUtc ? SessionEndReasons.LifetimeReached
        : nowUtc >= IdleExpiresAtUtc ? SessionEndReasons.IdleTimeout
        : null;

    /// <summary>The same user kept working (sliding expiry) or their sign-in was refreshed after a security change.</summary>
    public void Renew(byte[] ticket, string? securityStamp, DateTime nowUtc, DateTime idleExpiresAtUtc)
    {
        if (EndedAtUtc is not null)
        {
            throw new InvalidOperationException("An ended session cannot be renewed.");
        }

        Ticket = ticket;
        SecurityStamp = securityStamp;
        LastSeenAtUtc = nowUtc;
        IdleExpiresAtUtc = Min(idleExpiresAtUtc, ExpiresAtUtc);
    }

    public bool IsLastSeenStale(DateTime nowUtc) => nowUtc - LastSeenAtUtc >= LastSeenResolution;

    /// <summary>Ends the session once; later calls keep the first reason.</summary>
    public bool End(DateTime nowUtc, string reason)
    {
        if (EndedAtUtc is not null)
        {
            return false;
        }

        EndedAtUtc = nowUtc;
        EndReason = Truncate(reason, EndReasonMaxLength);
        return true;
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static string? Truncate(string? value, int max) =>
        value is null || value.Length <= max ? value : value[..max];
}

/// <summary>Why a session ended, as stored and shown in the audit log.</summary>
public static class SessionEndReasons
{
    public const string SignedOut = "Signed out";
    public const string EndedByUser = "Ended from another session";
    public const string UserDeactivated = "Account deactivated";
    public const string SecurityStampChanged = "Security change";
    public const string LifetimeReached = "Lifetime reached";
    public const string IdleTimeout = "Idle timeout";
    public const string ReplacedByOtherUser = "Another user signed in";
}
