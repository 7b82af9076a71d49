using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

using Microsoft.AspNetCore.Identity;

namespace Scheduling.Infrastructure.Identity;

/// <summary>
/// Identity's authenticator (TOTP, RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) with two changes:
/// a code is accepted once only (the last accepted time step is kept in the user's tokens, so a code
/// seen over someone's shoulder cannot be replayed within its validity), and the window is one step
/// either side of now instead of two.
/// </summary>
public sealed class SingleUseAuthenticatorTokenProvider(TimeProvider clock) : AuthenticatorTokenProvider<ApplicationUser>
{
    private const string StoreName = "[Scheduling]";
    private const string LastStepToken = "LastTotpStep";
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (key is null || token.Length != 6 || !token.All(char.IsAsciiDigit) || FromBase32(key) is not { } keyBytes)
        {
            return false;
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds() / (long)Step.TotalSeconds;
        var matched = Enumerable.Range(-1, 3)
            .Select(offset => now + offset)
            .Where(step => CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(Code(keyBytes, step)), System.Text.Encoding.ASCII.GetBytes(token)))
            .Select(step => (long?)step)
            .FirstOrDefault();
        if (matched is null)
        {
            return false;
        }

        var last = await manager.GetAuthenticationTokenAsync(user, StoreName, LastStepToken);
        if (long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var lastStep) && matched <= lastStep)
        {
            return false;
        }

        var saved = await manager.SetAuthenticationTokenAsync(user, StoreName, LastStepToken, matched.Value.ToString(CultureInfo.InvariantCulture));
        return saved.Succeeded;
    }

    /// <summary>
    /// With a new key its codes have never been seen, so the old key's last step goes with it (else the
    /// person re-enrolling within a minute of their last code would be refused their first good code).
    /// </summary>
    public static Task<IdentityResult> ForgetLastStepAsync(UserManager<ApplicationUser> manager, ApplicationUser user) =>
        manager.RemoveAuthenticationTokenAsync(user, StoreName, LastStepToken);

    private static string Code(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[]? FromBase32(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
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
