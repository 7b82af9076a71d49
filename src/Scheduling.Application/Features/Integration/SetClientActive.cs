using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;

namespace Scheduling.Application.Features.Integration;

/// <summary>
/// Disables a client (no new token, and the tokens it holds stop working at their next call, since
/// every call checks the client) or puts it back in service.
/// </summary>
public static class SetClientActive
{
    public sealed record Command(Guid ClientId, bool Active) : ICommand<Result>;

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!IntegrationClientRules.MayManage(user)
                || await db.IntegrationClients.SingleOrDefaultAsync(c => c.Id == command.ClientId, cancellationToken) is not { } client)
            {
                return Error.NotFound();
            }

            if (command.Active)
            {
                client.Enable();
            }
            else
            {
                client.Disable(clock.GetUtcNow().UtcDateTime);
            }

            return await db.SaveOrConflictAsync(IntegrationClientRules.ChangedMeanwhile, cancellationToken) is { } conflict
                ? conflict
                : Result.Success();
        }
    }
}
