using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Scheduling.TestSupport;

/// <summary>
/// What a phone's authenticator app does (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), computed
/// from the key the enrolment page shows, so tests enter codes the way a person would.
/// </summary>
public static class Totp
{
    public static string Code(string sharedKey, DateTimeOffset at)
    {
        var key = FromBase32(sharedKey);
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, at.ToUnixTimeSeconds() / 30);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string Now(string sharedKey) => Code(sharedKey, DateTimeOffset.UtcNow);

    /// <summary>
    /// The code of the next 30-second step: what the app shows a moment later. The server takes one
    /// step of clock drift and each code only once, so a second sign-in right after set-up uses this
    /// one instead of waiting.
    /// </summary>
    public static string Next(string sharedKey) => Code(sharedKey, DateTimeOffset.UtcNow.AddSeconds(30));

    private static byte[] FromBase32(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = text.Replace(" ", string.Empty, StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException($"'{c}' is not a base32 character.");
            }

            buffer = ((buffer << 5) | value) & 0xffff;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)((buffer >> bits) & 0xff));
            }
        }

        return [.. bytes];
    }
}
