using System.Security.Cryptography;
using System.Text;

namespace Scheduling.Infrastructure.Messaging.Sms;

/// <summary>
/// Twilio's webhook signature (X-Twilio-Signature): Base64 of HMAC-SHA1, keyed with the account's auth
/// token, over the full URL the provider called followed by every POST parameter's name and value,
/// sorted by name. The URL is the app's public one (Clinic:PublicBaseUrl), never the request's Host
/// header, which a sender controls.
/// </summary>
public static class TwilioSignature
{
    public const string Header = "X-Twilio-Signature";

    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(authToken);
        ArgumentNullException.ThrowIfNull(parameters);
        var data = new StringBuilder(url);
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

        // SHA-1 because the provider signs with it; HMAC-SHA1 is not weakened by SHA-1's collisions.
        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString()));
        return Convert.ToBase64String(mac);
    }

    public static bool IsValid(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters, string? signature)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(authToken, url, parameters));
        var given = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
