namespace Scheduling.Domain.Integration;

/// <summary>
/// A client assertion (signed JWT) already exchanged for a token, kept until it expires so that the
/// same assertion (the same jti from the same client) is refused a second time. A unique index on
/// (client, jti) decides between two instances that see the replay at once.
/// </summary>
public sealed class UsedClientAssertion
{
    public const int JtiMaxLength = 200;

    private UsedClientAssertion()
    {
        ClientId = Jti = string.Empty;
    }

    public long Id { get; private set; }

    public string ClientId { get; private set; }

    public string Jti { get; private set; }

    public DateTime ExpiresAtUtc { get; private set; }

    public static UsedClientAssertion Of(string clientId, string jti, DateTime expiresAtUtc) =>
        new() { ClientId = clientId, Jti = jti, ExpiresAtUtc = expiresAtUtc };
}
