using System.Buffers.Text;
using System.Security.Cryptography;

namespace Scheduling.Application.Features.Messaging;

/// <summary>
/// Creates and reads the random part of patient links: 32 bytes from the OS's cryptographic random
/// source, base64url in the URL, SHA-256 in the database.
/// </summary>
public static class PatientLinkTokens
{
    public const int TokenBytes = 32;

    public static (string Token, byte[] Hash) NewToken()
    {
        var bytes = RandomNumberGenerator.GetBytes(TokenBytes);
        return (Base64Url.EncodeToString(bytes), SHA256.HashData(bytes));
    }

    /// <summary>The hash of a token taken from a URL, or null when it cannot be one of ours.</summary>
    public static byte[]? HashOf(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64)
        {
            return null;
        }

        var buffer = new byte[TokenBytes + 4];
        if (Base64Url.DecodeFromChars(token, buffer, out var consumed, out var written) != System.Buffers.OperationStatus.Done
            || consumed != token.Length || written != TokenBytes)
        {
            return null;
        }

        return SHA256.HashData(buffer.AsSpan(0, TokenBytes));
    }
}
