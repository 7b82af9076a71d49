using Hangfire.Dashboard;

namespace Scheduling.Web.Security;

/// <summary>
/// Hangfire's own check; the endpoint also requires the Admin policy, so this is a second lock, and it
/// replaces Hangfire's default "local requests only" filter, which is wrong behind a reverse proxy.
/// </summary>
public sealed class AdminOnlyDashboardFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) =>
        context.GetHttpContext().User.IsInRole(Scheduling.Application.Common.Security.Roles.Admin);
}
