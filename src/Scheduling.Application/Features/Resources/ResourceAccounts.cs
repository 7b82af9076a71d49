using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Security;
using Scheduling.Domain.Capacity;

namespace Scheduling.Application.Features.Resources;

/// <summary>The rule for linking a physician or nurse to a staff account: an active staff account, linked to one resource only.</summary>
public static class ResourceAccounts
{
    public static async Task<string?> ProblemAsync(
        IApplicationDbContext db, IAccounts accounts, ResourceKind kind, string? userId, Guid? resourceId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            return null;
        }

        if (kind is not (ResourceKind.Physician or ResourceKind.SedationNurse))
        {
            return "Only a physician or a nurse has a staff account.";
        }

        var account = await accounts.FindAsync(userId, cancellationToken);
        if (account is null || !(account.Roles.Contains(Roles.Radiologist) || account.Roles.Contains(Roles.Scheduler)))
        {
            return "Choose a staff account from the list.";
        }

        if (await db.Resources.AnyAsync(r => r.UserId == userId && r.Id != resourceId, cancellationToken))
        {
            return "This account is already linked to someone else on this page.";
        }

        return null;
    }
}
