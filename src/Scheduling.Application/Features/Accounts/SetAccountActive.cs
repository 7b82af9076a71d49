using Mediator;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;

namespace Scheduling.Application.Features.Accounts;

/// <summary>
/// Deactivates an account (sign-in refused, every session ended through the security stamp, open
/// links revoked) or brings it back. The last active administrator cannot be deactivated.
/// </summary>
public static class SetAccountActive
{
    public sealed record Command(string UserId, bool Active) : ICommand<Result>;

    public sealed class Handler(IApplicationDbContext db, IAccounts accounts, IAuditLog audit, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (await accounts.FindAsync(command.UserId, cancellationToken) is not { } account)
            {
                return Error.NotFound("That account does not exist.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            if (command.Active)
            {
                if (account.Status != AccountStatus.Deactivated)
                {
                    return Result.Success();
                }

                await accounts.SetDeactivatedAsync(account.UserId, null, cancellationToken);
                audit.Record("AccountReactivated", "User", AccountLinks.AuditId(account.UserId));
            }
            else
            {
                if (account.Status == AccountStatus.Deactivated)
                {
                    return Result.Success();
                }

                if (await AccountRules.GuardLastAdminAsync(accounts, account, staysActiveAdmin: false, cancellationToken) is { } refused)
                {
                    return refused;
                }

                await accounts.SetDeactivatedAsync(account.UserId, now, cancellationToken);
                if (await AccountRules.RecheckAdminsRemainAsync(accounts, cancellationToken) is { } raced)
                {
                    return raced;
                }

                await AccountLinks.RevokeOpenAsync(db, account.UserId, null, now, cancellationToken);
                audit.Record("AccountDeactivated", "User", AccountLinks.AuditId(account.UserId));
            }

            await db.SaveChangesAsync(cancellationToken);
            return Result.Success();
        }
    }
}
