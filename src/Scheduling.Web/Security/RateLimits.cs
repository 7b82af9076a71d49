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

    /// <summary>Patient link pages: guessing a 256-bit token is hopeless, but hammering is still refused and visible.</summary>
    public const string PatientLink = "patient-link";

    /// <summary>Forgot password, request access and account links: anonymous forms that send email or probe tokens.</summary>
    public const string AccountRequests = "account-requests";

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
        options.AddPolicy(PatientLink, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = configuration.GetValue("RateLimits:PatientLinkPerMinute", 30),
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            }));
        options.AddPolicy(AccountRequests, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = configuration.GetValue("RateLimits:AccountRequestsPerMinute", 20),
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            }));
    }
}
