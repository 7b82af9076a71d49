using FluentValidation;

using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Accounts;
using Scheduling.Domain.Messaging;

namespace Scheduling.Application.Features.Accounts;

/// <summary>
/// "Forgot password" from the sign-in page. The answer is the same whether or not the email has an
/// account, and so is the work done for it: the same lookups and one write either way; only for an
/// account in service is a reset link queued in the outbox (sent later by a job, off this request),
/// and no more than <see cref="AccountLink.MostPerWindow"/> an hour: past that the answer is the same
/// and nothing is sent (the last link sent still works).
/// </summary>
public static class RequestPasswordReset
{
    public sealed record Command(string? Email) : ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Email).ValidEmail();
    }

    public sealed class Handler(IApplicationDbContext db, IAccounts accounts, IOutbox outbox, IAuditLog audit, SecurityOptions options, TimeProvider clock)
        : ICommandHandler<Command, Result>
    {
        /// <summary>Stands in for an account id when there is none, so the revoke query still runs.</summary>
        private const string NoAccount = "00000000-0000-0000-0000-000000000000";

        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var account = await accounts.FindByEmailAsync(command.Email!, cancellationToken);

            // The same count runs for an unknown address, so the answer takes the same work either way.
            var windowStart = now - AccountLink.SendingWindow;
            var userId = account?.UserId ?? NoAccount;
            var recent = await db.AccountLinks.CountAsync(l => l.UserId == userId && l.CreatedAtUtc > windowStart, cancellationToken);
            if (account is { Status: not AccountStatus.Deactivated } && recent < AccountLink.MostPerWindow)
            {
                var purpose = account.Status == AccountStatus.Invited ? AccountLinkPurpose.Invitation : AccountLinkPurpose.PasswordReset;
                await AccountLinks.QueueAsync(
                    db, outbox, account.UserId, purpose,
                    purpose == AccountLinkPurpose.Invitation ? MessageKinds.AccountInvitation : MessageKinds.AccountPasswordReset,
                    purpose == AccountLinkPurpose.Invitation ? options.InvitationLifetime : options.PasswordResetLifetime,
                    now, cancellationToken);
            }
            else
            {
                await AccountLinks.RevokeOpenAsync(db, NoAccount, AccountLinkPurpose.PasswordReset, now, cancellationToken);
            }

            // Who asked is audited either way; whether an account exists is not shown to the asker.
            audit.Record("PasswordResetRequested", "User", AccountLinks.AuditId(account?.UserId), account is null ? "No account for the address given"
                : recent >= AccountLink.MostPerWindow ? $"Not sent: {recent} links were made for this account in the last hour"
                : null);
            await db.SaveChangesAsync(cancellationToken);
            return Result.Success();
        }
    }
}
