using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Security;
using Scheduling.Domain.Integration;

namespace Scheduling.Application.Features.Integration;

/// <summary>What registering, rotating and listing system clients agree on.</summary>
public static class IntegrationClientRules
{
    public const string ChangedMeanwhile = "This client was just changed by someone else; reload the page.";

    /// <summary>Only administrators manage system clients; anyone else is told the record does not exist.</summary>
    public static bool MayManage(ICurrentUser user) => user.IsInRole(Roles.Admin);

    /// <summary>A doctor account a client may act for: a referring doctor's account that is in service.</summary>
    public static bool CanActFor(AccountInfo? account) =>
        account is not null && account.Roles.Contains(Roles.ReferringPhysician) && account.Status != AccountStatus.Deactivated;

    /// <summary>A new client id: random, unguessable, and never reused.</summary>
    public static string NewClientId() =>
        "tace-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));

    /// <summary>The chosen scopes, each known, none repeated; null when any is unknown.</summary>
    public static IReadOnlyList<string>? KnownScopes(IEnumerable<string>? scopes)
    {
        var list = (scopes ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.Ordinal).ToList();
        return list.All(SmartScopes.IsKnown) ? list : null;
    }
}
