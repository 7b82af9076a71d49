namespace Scheduling.Domain.Messaging;

/// <summary>
/// The secret behind a patient's email link. Only the SHA-256 of the random token is stored, so a
/// copy of the database cannot be turned into working links. A token is bound to one booking version
/// (a reschedule issues a new one and the old stops working) and expires at the procedure start.
/// </summary>
public sealed class PatientLinkToken
{
    public const int HashLength = 32;

    private PatientLinkToken()
    {
        TokenHash = [];
    }

    public Guid Id { get; private init; }

    public byte[] TokenHash { get; private init; }

    public Guid BookingId { get; private init; }

    public int BookingVersion { get; private init; }

    public DateTime CreatedAtUtc { get; private init; }

    public DateTime ExpiresAtUtc { get; private init; }

    /// <summary>Set when the link has been used for its last possible action (cancel, or a request the clinic must act on).</summary>
    public DateTime? UsedUpAtUtc { get; private set; }

    public static PatientLinkToken Create(byte[] tokenHash, Guid bookingId, int bookingVersion, DateTime nowUtc, DateTime expiresAtUtc)
    {
        if (tokenHash.Length != HashLength)
        {
            throw new ArgumentException("A token hash is a SHA-256 digest.", nameof(tokenHash));
        }

        return new PatientLinkToken
        {
            Id = Guid.CreateVersion7(),
            TokenHash = tokenHash,
            BookingId = bookingId,
            BookingVersion = bookingVersion,
            CreatedAtUtc = nowUtc,
            ExpiresAtUtc = expiresAtUtc,
        };
    }

    public bool IsUsable(DateTime nowUtc) => UsedUpAtUtc is null && nowUtc < ExpiresAtUtc;

    public void UseUp(DateTime nowUtc) => UsedUpAtUtc ??= nowUtc;
}
