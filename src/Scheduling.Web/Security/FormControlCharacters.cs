using System.Text;

using Microsoft.Net.Http.Headers;

namespace Scheduling.Web.Security;

/// <summary>
/// A posted form whose text holds a control character (a NUL pasted from another program, most often)
/// reaches the app with U+FFFD in its place, so the page comes back with everything as typed and a
/// message next to that field (<see cref="Scheduling.Domain.Common.KeepableText"/>). Left alone, ASP.NET
/// Core's form reader refuses a NUL outright, inside the antiforgery check, before any field is read:
/// the person got a bare 400 page and lost the whole form. Tab and line breaks are text and stay.
/// </summary>
public sealed class FormControlCharacters(RequestDelegate next)
{
    // Larger forms are not this app's (its largest, the referral, is a few kilobytes); those are left to the form reader.
    private const int MaxBody = 1024 * 1024;

    private static readonly byte[] Placeholder = Encoding.ASCII.GetBytes("%EF%BF%BD");

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method)
            && MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            && request.ContentLength is null or <= MaxBody)
        {
            request.EnableBuffering();
            var (body, complete) = await ReadUpToAsync(request.Body, MaxBody, context.RequestAborted);
            request.Body.Position = 0;
            if (complete && Replace(body) is { } replaced)
            {
                request.Body = new MemoryStream(replaced, writable: false);
                request.ContentLength = replaced.Length;
            }
        }

        await next(context);
    }

    private static async Task<(byte[] Body, bool Complete)> ReadUpToAsync(Stream stream, int limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[Math.Min(limit + 1, 16 * 1024)];
        using var body = new MemoryStream();
        int read;
        while (body.Length <= limit && (read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            body.Write(buffer, 0, read);
        }

        return (body.ToArray(), body.Length <= limit);
    }

    /// <summary>The body with each control character (raw or percent-encoded) as an encoded U+FFFD; null when it has none.</summary>
    public static byte[]? Replace(ReadOnlySpan<byte> body)
    {
        MemoryStream? output = null;
        var copied = 0;
        for (var i = 0; i < body.Length; i++)
        {
            int length;
            if (IsControl(body[i]))
            {
                length = 1;
            }
            else if (body[i] == '%' && i + 2 < body.Length && Hex(body[i + 1]) is var high and >= 0 && Hex(body[i + 2]) is var low and >= 0
                && IsControl((byte)((high << 4) | low)))
            {
                length = 3;
            }
            else
            {
                continue;
            }

            output ??= new MemoryStream(body.Length + 16);
            output.Write(body[copied..i]);
            output.Write(Placeholder);
            copied = i + length;
            i = copied - 1;
        }

        if (output is null)
        {
            return null;
        }

        output.Write(body[copied..]);
        return output.ToArray();
    }

    private static bool IsControl(byte b) => (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r')) || b == 0x7F;

    private static int Hex(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
