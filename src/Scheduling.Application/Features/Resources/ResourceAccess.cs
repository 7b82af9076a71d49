using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Security;
using Scheduling.Domain.Capacity;

namespace Scheduling.Application.Features.Resources;

/// <summary>
/// Who may change a resource: an admin changes any; an IR physician or nurse whose staff account is
/// linked to a resource may enter and remove that resource's own unavailability (leave, meetings),
/// and sees nothing else. Anything else is "not found".
/// </summary>
public static class ResourceAccess
{
    public static bool IsAdmin(ICurrentUser user) => user.IsInRole(Roles.Admin);

    /// <summary>The resource if the user may enter its unavailability, else null.</summary>
    public static async Task<Resource?> FindForAvailabilityAsync(IApplicationDbContext db, ICurrentUser user, Guid resourceId, CancellationToken cancellationToken)
    {
        var resource = await db.Resources.SingleOrDefaultAsync(r => r.Id == resourceId, cancellationToken);
        if (resource is null)
        {
            return null;
        }

        return IsAdmin(user) || (user.UserId is { } me && resource.UserId == me) ? resource : null;
    }
}
