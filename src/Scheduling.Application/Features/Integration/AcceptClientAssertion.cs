using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Integration;

namespace Scheduling.Application.Features.Integration;

/// <summary>
/// Records a client assertion's jti as used, once: the same assertion presented again (a replay) is a
/// conflict, decided by the unique index on (client, jti) even when two instances see it at once.
/// Entries past their expiry are dropped here, since an expired assertion is refused anyway.
/// </summary>
public static class AcceptClientAssertion
{
    public const string ReplayedMessage = "This client assertion was already used; sign a new one with a new jti.";

    public sealed record Command(string ClientId, string Jti, DateTime ExpiresAtUtc) : ICommand<Result>;

    public sealed class Handler(IApplicationDbContext db, IDatabaseErrors databaseErrors, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (await db.UsedClientAssertions.AnyAsync(a => a.ClientId == command.ClientId && a.Jti == command.Jti, cancellationToken))
            {
                return Error.Conflict(ReplayedMessage);
            }

            await db.UsedClientAssertions.Where(a => a.ClientId == command.ClientId && a.ExpiresAtUtc < now).ExecuteDeleteAsync(cancellationToken);
            db.UsedClientAssertions.Add(UsedClientAssertion.Of(command.ClientId, command.Jti, command.ExpiresAtUtc));
            return await db.SaveOrConflictAsync(databaseErrors.Duplicate(Error.Conflict(ReplayedMessage)), cancellationToken) is { } replayed
                ? replayed
                : Result.Success();
        }
    }
}
