using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Domain.Integration;

namespace Scheduling.Application.Features.Integration;

/// <summary>
/// The client behind a token request or an API call, if it may act now: registered, not disabled, and
/// acting for a referring doctor whose account is in service. Asked on every call, so disabling a
/// client (or the doctor's account) stops the tokens it already holds.
/// </summary>
public static class FindActiveClient
{
    public sealed record Query(string ClientId) : IQuery<ActiveClient?>;

    /// <summary>Who a client acts as: its own name for the audit trail, the doctor's account for every record rule.</summary>
    public sealed record ActiveClient(string ClientId, string Name, string DoctorUserId, IReadOnlyList<string> Scopes, IReadOnlySet<string> KeyIds)
    {
        /// <summary>The actor written in the audit trail for everything the client does.</summary>
        public string AuditName => $"{Name} (system client {ClientId})";
    }

    public sealed class Handler(IApplicationDbContext db, IAccounts accounts) : IQueryHandler<Query, ActiveClient?>
    {
        public async ValueTask<ActiveClient?> Handle(Query query, CancellationToken cancellationToken)
        {
            var client = await db.IntegrationClients.AsNoTracking()
                .SingleOrDefaultAsync(c => c.ClientId == query.ClientId && c.DisabledAtUtc == null, cancellationToken);
            if (client is null || !IntegrationClientRules.CanActFor(await accounts.FindAsync(client.DoctorUserId, cancellationToken)))
            {
                return null;
            }

            return new ActiveClient(client.ClientId, client.Name, client.DoctorUserId, client.AllowedScopes, client.KeyIdSet);
        }
    }
}
