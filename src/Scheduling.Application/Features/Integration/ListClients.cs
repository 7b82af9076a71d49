using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;

namespace Scheduling.Application.Features.Integration;

/// <summary>The registered hospital systems for the admin page, active first, with the doctor each acts for.</summary>
public static class ListClients
{
    public sealed record Query : IQuery<Result<IReadOnlyList<ClientSummary>>>;

    public sealed record ClientSummary(
        Guid Id,
        string Name,
        string ClientId,
        string DoctorName,
        string? PracticeName,
        IReadOnlyList<string> Scopes,
        string KeyIds,
        DateTime KeysChangedAtUtc,
        bool IsActive);

    public sealed class Handler(IApplicationDbContext db, IUserDirectory directory, ICurrentUser user)
        : IQueryHandler<Query, Result<IReadOnlyList<ClientSummary>>>
    {
        public async ValueTask<Result<IReadOnlyList<ClientSummary>>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!IntegrationClientRules.MayManage(user))
            {
                return Error.NotFound();
            }

            var clients = await db.IntegrationClients.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken);
            List<ClientSummary> summaries = [];
            foreach (var client in clients.OrderBy(c => c.IsActive ? 0 : 1))
            {
                var doctor = await directory.FindAsync(client.DoctorUserId, cancellationToken);
                summaries.Add(new ClientSummary(
                    client.Id, client.Name, client.ClientId, doctor?.DisplayName ?? UserDirectoryExtensions.UnknownUser, doctor?.PracticeName,
                    client.AllowedScopes, client.KeyIds, client.KeysChangedAtUtc, client.IsActive));
            }

            return summaries;
        }
    }
}
