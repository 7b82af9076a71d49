using Mediator;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Accounts;
using Scheduling.Domain.Messaging;

namespace Scheduling.Application.Features.Accounts;

/// <summary>
/// An admin sends an account a new link: the invitation again (account still invited) or a
/// password reset (account in use). Earlier links of that kind stop working.
/// </summary>
public static class SendAccountLink
{
    public sealed record Command(string UserId, AccountLinkPurpose Purpose) : ICommand<Result>;

    public sealed class Handler(IApplicationDbContext db, IAccounts accounts, IOutbox outbox, IAuditLog audit, SecurityOptions options, TimeProvider clock)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (await accounts.FindAsync(command.UserId, cancellationToken) is not { } account)
            {
                return Error.NotFound("That account does not exist.");
            }

            if (account.Status == AccountStatus.Deactivated)
            {
                return Error.Conflict("The account is deactivated: reactivate it first.");
            }

            var invitation = command.Purpose == AccountLinkPurpose.Invitation;
            if (invitation && account.Status != AccountStatus.Invited)
            {
                return Error.Conflict("This account already has a password: send a password reset instead.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            await AccountLinks.QueueAsync(
                db, outbox, account.UserId, command.Purpose,
                invitation ? MessageKinds.AccountInvitation : MessageKinds.AccountPasswordReset,
                invitation ? options.InvitationLifetime : options.PasswordResetLifetime,
                now, cancellationToken);
            audit.Record(invitation ? "InvitationResent" : "PasswordResetSentByAdmin", "User", AccountLinks.AuditId(account.UserId));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Success();
        }
    }
}
