using System.Security.Claims;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Features.Messaging;

namespace Scheduling.Web.Security;

/// <summary>The signed-in user of the current request; outside a request (jobs) it is "system".</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public string? UserId => Principal?.FindFirstValue(ClaimTypes.NameIdentifier);

    public string? UserName => Principal?.Identity?.IsAuthenticated == true
        ? Principal.Identity.Name
        : accessor.HttpContext is null ? "system"
        : accessor.HttpContext.Request.Path.StartsWithSegments("/p") ? PatientLinks.Actor
        : null;

    public bool IsInRole(string role) => Principal?.IsInRole(role) == true;

    public string? ClientAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
}
