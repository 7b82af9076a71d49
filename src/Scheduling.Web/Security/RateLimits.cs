using System.Threading.RateLimiting;

using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

using Scheduling.Web.Composition;

namespace Scheduling.Web.Security;

/// <summary>
/// Per-client-address limits on the endpoints an attacker would hammer. The address is the real
/// client's: forwarded headers from trusted proxies are applied before the limiter runs (ProxyAndTls).
/// Limits are per instance (in memory); with several instances behind a load balancer the effective
/// limit multiplies by the instance count, which the README states.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";

    /// <summary>Patient link pages: guessing a 256-bit token is hopeless, but hammering is still refused and visible.</summary>
    public const string PatientLink = "patient-link";

    /// <summary>Forgot password, request access and account links: anonymous forms that send email or probe tokens.</summary>
    public const string AccountRequests = "account-requests";

    public static void Add(RateLimiterOptions options)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.AddPolicy(SignIn, context => PerClientPerMinute(context, SignIn, limits => limits.SignInPerMinute));
        options.AddPolicy(PatientLink, context => PerClientPerMinute(context, PatientLink, limits => limits.PatientLinkPerMinute));
        options.AddPolicy(AccountRequests, context => PerClientPerMinute(context, AccountRequests, limits => limits.AccountRequestsPerMinute));
    }

    private static RateLimitPartition<string> PerClientPerMinute(HttpContext context, string policy, Func<RateLimitOptions, int> permits)
    {
        var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        return RateLimitPartition.GetFixedWindowLimiter(
            $"{policy}:{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}",
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits(limits),
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
    }
}
