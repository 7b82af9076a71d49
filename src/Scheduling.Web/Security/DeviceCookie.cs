using Scheduling.Domain.Accounts;
using Scheduling.Infrastructure.Identity;

namespace Scheduling.Web.Security;

/// <summary>
/// The long-lived cookie that makes a browser a known device for the people who completed a sign-in
/// on it (<see cref="SignInThrottle"/>). It holds a random id only: no account, no email. It is written
/// at a completed sign-in, never on a GET, and survives signing out (it is not a session).
/// </summary>
public static class DeviceCookie
{
    public const string Name = "tace.device";

    private const int MostLength = 64;

    public static SignInClient ClientOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = context.Request.Cookies[Name];
        return new SignInClient(id is { Length: > 0 and <= MostLength } ? id : null, context.Connection.RemoteIpAddress);
    }

    public static void Write(HttpContext context, string deviceId, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Append(Name, deviceId, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = context.Request.PathBase.HasValue ? context.Request.PathBase.Value : "/",
            Expires = new DateTimeOffset(nowUtc + SignInThrottle.KnownDeviceLifetime, TimeSpan.Zero),
            IsEssential = true,
        });
    }
}
