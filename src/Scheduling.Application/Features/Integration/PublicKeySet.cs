using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scheduling.Application.Features.Integration;

/// <summary>
/// A client's public keys as the admin pastes them (a JWKS, one JWK, or PEM public keys or
/// certificates), checked and turned into the one form the token endpoint reads: a JWKS of RSA
/// (at least 2048 bits, RS384) and EC P-384 (ES384) signing keys, each with a key id. A key without a
/// kid gets its RFC 7638 thumbprint, which the client must put in its assertions' header. Private
/// key material is refused outright: it must never leave the hospital's system.
/// </summary>
public sealed record PublicKeySet(string Json, IReadOnlyList<string> KeyIds)
{
    public const int MinimumRsaBits = 2048;
    public const string RsaAlgorithm = "RS384";
    public const string EcAlgorithm = "ES384";
    public const string PrivateKeyMessage = "This contains a private key. Paste only the public key; the private key stays on the hospital's system.";

    /// <summary>The parsed set, or a message saying what is wrong with the text.</summary>
    public static (PublicKeySet? Keys, string? Problem) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, "Paste the client's public key (a JWKS or a PEM public key).");
        }

        try
        {
            var keys = text.TrimStart().StartsWith('{') ? FromJwks(text) : FromPem(text);
            if (keys.Count == 0)
            {
                return (null, "No public key was found in this text.");
            }

            var ids = keys.Select(k => (string)k["kid"]!).ToList();
            if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
            {
                return (null, "Two keys have the same key id (kid); each key needs its own.");
            }

            var set = new JsonObject { ["keys"] = new JsonArray([.. keys]) };
            return (new PublicKeySet(set.ToJsonString(), ids), null);
        }
        catch (KeyProblem problem)
        {
            return (null, problem.Message);
        }
        catch (JsonException)
        {
            return (null, "This is not valid JSON. Paste a JWKS ({\"keys\": [...]}) or a PEM public key.");
        }
        catch (CryptographicException)
        {
            return (null, "This PEM text could not be read as a public key or certificate.");
        }
    }

    private static List<JsonObject> FromJwks(string text)
    {
        var root = JsonNode.Parse(text) as JsonObject ?? throw new KeyProblem("Paste a JWKS object ({\"keys\": [...]}) or one JWK.");
        var keys = root["keys"] is JsonArray array
            ? array.Select(k => k as JsonObject ?? throw new KeyProblem("Every entry of \"keys\" must be a JSON object.")).ToList()
            : [root];
        return keys.Select(Normalize).ToList();
    }

    private static JsonObject Normalize(JsonObject jwk)
    {
        if (jwk.ContainsKey("d") || jwk.ContainsKey("p") || jwk.ContainsKey("q"))
        {
            throw new KeyProblem(PrivateKeyMessage);
        }

        var kty = Text(jwk, "kty");
        var alg = jwk["alg"]?.GetValue<string>();
        var use = jwk["use"]?.GetValue<string>();
        if (use is not null && use != "sig")
        {
            throw new KeyProblem($"Key use \"{use}\" is not for signing; a client key must have \"use\": \"sig\" or no use.");
        }

        JsonObject key;
        if (kty == "RSA")
        {
            if (alg is not null && alg != RsaAlgorithm)
            {
                throw new KeyProblem($"An RSA key must be for {RsaAlgorithm} (SMART Backend Services), not {alg}.");
            }

            var n = Text(jwk, "n");
            var bits = Base64UrlLength(n) * 8;
            if (bits < MinimumRsaBits)
            {
                throw new KeyProblem($"This RSA key has {bits} bits; at least {MinimumRsaBits} are required.");
            }

            key = new JsonObject { ["kty"] = "RSA", ["n"] = n, ["e"] = Text(jwk, "e") };
            key["kid"] = jwk["kid"]?.GetValue<string>() ?? Thumbprint(key, "e", "kty", "n");
            key["alg"] = RsaAlgorithm;
        }
        else if (kty == "EC")
        {
            var crv = Text(jwk, "crv");
            if (crv != "P-384" || (alg is not null && alg != EcAlgorithm))
            {
                throw new KeyProblem($"An EC key must be on curve P-384 for {EcAlgorithm} (SMART Backend Services).");
            }

            key = new JsonObject { ["kty"] = "EC", ["crv"] = crv, ["x"] = Text(jwk, "x"), ["y"] = Text(jwk, "y") };
            key["kid"] = jwk["kid"]?.GetValue<string>() ?? Thumbprint(key, "crv", "kty", "x", "y");
            key["alg"] = EcAlgorithm;
        }
        else
        {
            throw new KeyProblem($"Key type \"{kty}\" is not supported; use RSA ({RsaAlgorithm}) or EC P-384 ({EcAlgorithm}).");
        }

        if (string.IsNullOrWhiteSpace((string?)key["kid"]) || ((string)key["kid"]!).Length > 200)
        {
            throw new KeyProblem("Each key needs a key id (kid) of at most 200 characters.");
        }

        key["use"] = "sig";
        return key;
    }

    private static List<JsonObject> FromPem(string text)
    {
        if (text.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            throw new KeyProblem(PrivateKeyMessage);
        }

        List<JsonObject> keys = [];
        var rest = text.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label].ToString();
            var der = Convert.FromBase64String(rest[fields.Base64Data].ToString());
            keys.Add(label switch
            {
                "PUBLIC KEY" => FromSubjectPublicKeyInfo(der),
                "RSA PUBLIC KEY" => FromRsa(RsaFrom(rsa => rsa.ImportRSAPublicKey(der, out _))),
                "CERTIFICATE" => FromCertificate(der),
                _ => throw new KeyProblem($"A \"{label}\" block is not a public key; paste a PUBLIC KEY or a CERTIFICATE."),
            });
            rest = rest[fields.Location.End..];
        }

        if (keys.Count == 0)
        {
            throw new KeyProblem("Paste a JWKS ({\"keys\": [...]}) or a PEM block starting with -----BEGIN PUBLIC KEY-----.");
        }

        return keys;
    }

    private static JsonObject FromSubjectPublicKeyInfo(byte[] der)
    {
        try
        {
            return FromRsa(RsaFrom(rsa => rsa.ImportSubjectPublicKeyInfo(der, out _)));
        }
        catch (CryptographicException)
        {
            using var ec = ECDsa.Create();
            ec.ImportSubjectPublicKeyInfo(der, out _);
            return FromEc(ec.ExportParameters(false));
        }
    }

    private static JsonObject FromCertificate(byte[] der)
    {
        using var certificate = X509CertificateLoader.LoadCertificate(der);
        if (certificate.GetRSAPublicKey() is { } rsa)
        {
            using (rsa)
            {
                return FromRsa(rsa.ExportParameters(false));
            }
        }

        using var ec = certificate.GetECDsaPublicKey() ?? throw new KeyProblem("The certificate holds neither an RSA nor an EC key.");
        return FromEc(ec.ExportParameters(false));
    }

    private static RSAParameters RsaFrom(Action<RSA> import)
    {
        using var rsa = RSA.Create();
        import(rsa);
        return rsa.ExportParameters(false);
    }

    private static JsonObject FromRsa(RSAParameters parameters) => Normalize(new JsonObject
    {
        ["kty"] = "RSA",
        ["n"] = Base64Url(parameters.Modulus!),
        ["e"] = Base64Url(parameters.Exponent!),
    });

    private static JsonObject FromEc(ECParameters parameters)
    {
        if (parameters.Curve.Oid.FriendlyName is not ("nistP384" or "ECDSA_P384" or "secp384r1"))
        {
            throw new KeyProblem($"An EC key must be on curve P-384 for {EcAlgorithm} (SMART Backend Services).");
        }

        return Normalize(new JsonObject
        {
            ["kty"] = "EC",
            ["crv"] = "P-384",
            ["x"] = Base64Url(parameters.Q.X!),
            ["y"] = Base64Url(parameters.Q.Y!),
        });
    }

    /// <summary>RFC 7638: SHA-256 of the required members in lexical order, base64url.</summary>
    private static string Thumbprint(JsonObject key, params string[] members)
    {
        var canonical = new JsonObject();
        foreach (var member in members)
        {
            canonical[member] = (string)key[member]!;
        }

        return Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToJsonString())));
    }

    private static string Text(JsonObject jwk, string member) =>
        jwk[member] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : throw new KeyProblem($"The key has no \"{member}\".");

    private static int Base64UrlLength(string value)
    {
        try
        {
            var bytes = Convert.FromBase64String(value.Replace('-', '+').Replace('_', '/').PadRight(value.Length + ((4 - (value.Length % 4)) % 4), '='));
            return bytes.SkipWhile(b => b == 0).Count();
        }
        catch (FormatException)
        {
            throw new KeyProblem("The key's \"n\" is not base64url.");
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed class KeyProblem(string message) : Exception(message);
}
