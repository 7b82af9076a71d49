using Mediator;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;

namespace Scheduling.Application.Features.Accounts;

/// <summary>Ends a lockout after repeated failed sign-ins, before its 15 minutes are up.</summary>
public static class UnlockAccount
{
    public sealed record Command(string UserId) : ICommand<Result>;

    public sealed class Handler(IApplicationDbContext db, IAccounts accounts, IAuditLog audit) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (await accounts.FindAsync(command.UserId, cancellationToken) is not { } account)
            {
                return Error.NotFound("That account does not exist.");
            }

            await accounts.UnlockAsync(account.UserId, cancellationToken);
            audit.Record("AccountUnlocked", "User", AccountLinks.AuditId(account.UserId));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Success();
        }
    }
}
