using Scheduling.Domain.Common;

namespace Scheduling.Domain.Integration;

/// <summary>
/// A hospital system (EHR, integration engine) allowed to call the FHIR API with SMART Backend
/// Services. It authenticates with a signed JWT whose public key is registered here, may ask only for
/// its allowed scopes, and acts for one referring doctor's account: its referrals belong to that
/// doctor, and it sees exactly what that doctor sees. A disabled client gets no token, and the tokens
/// it holds stop working at their next call.
/// </summary>
public sealed class IntegrationClient : Entity
{
    public const int NameMaxLength = 100;
    public const int ClientIdMaxLength = 64;
    public const int ScopesMaxLength = 1000;
    public const int KeySetMaxLength = 20_000;

    private IntegrationClient()
    {
        Name = ClientId = DoctorUserId = Scopes = KeySetJson = KeyIds = string.Empty;
    }

    public string Name { get; private set; }

    /// <summary>The OAuth client_id the system puts in its assertions' iss and sub; unique.</summary>
    public string ClientId { get; private set; }

    /// <summary>The referring doctor's account the client acts for (its referrals are that doctor's).</summary>
    public string DoctorUserId { get; private set; }

    /// <summary>Allowed scopes, space separated, each one of <see cref="SmartScopes.All"/>.</summary>
    public string Scopes { get; private set; }

    /// <summary>The public keys (a JWKS), normalized by the application; never a private key.</summary>
    public string KeySetJson { get; private set; }

    /// <summary>The key ids of <see cref="KeySetJson"/>, comma separated, for the admin page.</summary>
    public string KeyIds { get; private set; }

    /// <summary>The key ids a client assertion's header may name.</summary>
    public IReadOnlySet<string> KeyIdSet => KeyIds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime KeysChangedAtUtc { get; private set; }

    public DateTime? DisabledAtUtc { get; private set; }

    public bool IsActive => DisabledAtUtc is null;

    public IReadOnlyList<string> AllowedScopes => SmartScopes.Parse(Scopes);

    /// <summary>Changed on every change; a concurrency token so two admins acting at once cannot both win.</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    public static IntegrationClient Register(
        string name, string clientId, string doctorUserId, IEnumerable<string> scopes, string keySetJson, IEnumerable<string> keyIds, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(clientId) || string.IsNullOrWhiteSpace(doctorUserId))
        {
            throw new DomainException("A client needs a name, a client id and the doctor it acts for.");
        }

        var client = new IntegrationClient
        {
            Name = name.Trim(),
            ClientId = clientId,
            DoctorUserId = doctorUserId,
            CreatedAtUtc = nowUtc,
        };
        client.SetScopes(scopes);
        client.SetKeys(keySetJson, keyIds, nowUtc);
        return client;
    }

    /// <summary>Replaces the public keys: assertions signed with the old ones are refused from now on.</summary>
    public void RotateKeys(string keySetJson, IEnumerable<string> keyIds, DateTime nowUtc)
    {
        SetKeys(keySetJson, keyIds, nowUtc);
        Version = Guid.NewGuid();
    }

    public void ChangeScopes(IEnumerable<string> scopes)
    {
        SetScopes(scopes);
        Version = Guid.NewGuid();
    }

    public void Disable(DateTime nowUtc)
    {
        DisabledAtUtc ??= nowUtc;
        Version = Guid.NewGuid();
    }

    public void Enable()
    {
        DisabledAtUtc = null;
        Version = Guid.NewGuid();
    }

    private void SetScopes(IEnumerable<string> scopes)
    {
        var list = scopes.Distinct(StringComparer.Ordinal).ToList();
        if (list.Count == 0 || list.Any(s => !SmartScopes.IsKnown(s)))
        {
            throw new DomainException("A client needs at least one scope, each a known SMART system scope.");
        }

        Scopes = string.Join(' ', SmartScopes.All.Select(s => s.Scope).Where(list.Contains));
    }

    private void SetKeys(string keySetJson, IEnumerable<string> keyIds, DateTime nowUtc)
    {
        var ids = keyIds.ToList();
        if (string.IsNullOrWhiteSpace(keySetJson) || ids.Count == 0)
        {
            throw new DomainException("A client needs at least one public key with a key id.");
        }

        KeySetJson = keySetJson;
        KeyIds = string.Join(", ", ids);
        KeysChangedAtUtc = nowUtc;
    }
}
