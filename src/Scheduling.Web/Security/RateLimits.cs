using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Scheduling.Web.Security;

/// <summary>
/// Per-client-address limits on the endpoints an attacker would hammer. Limits are per instance
/// (in memory); with several instances behind a load balancer the effective limit multiplies by
/// the instance count, which the README states.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";

    public static void Add(RateLimiterOptions options, IConfiguration configuration)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.AddPolicy(SignIn, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = configuration.GetValue("RateLimits:SignInPerMinute", 20),
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            }));
    }
}
