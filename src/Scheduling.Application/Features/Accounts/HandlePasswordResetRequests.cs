using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Accounts;
using Scheduling.Domain.Messaging;

namespace Scheduling.Application.Features.Accounts;

/// <summary>
/// The background half of "forgot password" (<see cref="RequestPasswordReset"/>): for an account in
/// service a reset link (an invitation for an account not yet activated) is queued in the outbox, no
/// more than <see cref="AccountLink.MostPerWindow"/> an hour (past that nothing is sent and the last
/// link sent still works); for any other address nothing is sent. Either way the request is deleted
/// and the outcome audited. Run for one request by its job, or for every request left waiting (a
/// crash between the request's commit and its job) by the minute's sweep.
/// </summary>
public static class HandlePasswordResetRequests
{
    public const string SweepJobId = "password-reset-requests";

    /// <param name="RequestId">One request (its job), or null for every request waiting longer than <see cref="PasswordResetRequest.SweptAfter"/>.</param>
    public sealed record Command(Guid? RequestId) : ICommand<int>;

    public sealed class Handler(IApplicationDbContext db, IAccounts accounts, IOutbox outbox, IAuditLog audit, SecurityOptions options, TimeProvider clock)
        : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var waitingSince = now - PasswordResetRequest.SweptAfter;
            var requests = await (command.RequestId is { } id
                    ? db.PasswordResetRequests.Where(r => r.Id == id)
                    : db.PasswordResetRequests.Where(r => r.RequestedAtUtc < waitingSince))
                .OrderBy(r => r.RequestedAtUtc)
                .Take(100)
                .ToListAsync(cancellationToken);
            foreach (var request in requests)
            {
                await HandleOneAsync(request, now, cancellationToken);
                db.PasswordResetRequests.Remove(request);

                // One save per request: each is its own outcome (and its own hourly count for the next).
                await db.SaveChangesAsync(cancellationToken);
            }

            return requests.Count;
        }

        private async Task HandleOneAsync(PasswordResetRequest request, DateTime now, CancellationToken cancellationToken)
        {
            var account = await accounts.FindByEmailAsync(request.Email, cancellationToken);
            if (account is null || account.Status == AccountStatus.Deactivated)
            {
                audit.Record("PasswordResetNotSent", "PasswordResetRequest", request.Id,
                    account is null ? "No account for the address given" : "The account is deactivated");
                return;
            }

            var windowStart = now - AccountLink.SendingWindow;
            var recent = await db.AccountLinks.CountAsync(l => l.UserId == account.UserId && l.CreatedAtUtc > windowStart, cancellationToken);
            if (recent >= AccountLink.MostPerWindow)
            {
                audit.Record("PasswordResetNotSent", "User", AccountLinks.AuditId(account.UserId),
                    $"{recent} links were made for this account in the last hour");
                return;
            }

            var purpose = account.Status == AccountStatus.Invited ? AccountLinkPurpose.Invitation : AccountLinkPurpose.PasswordReset;
            await AccountLinks.QueueAsync(
                db, outbox, account.UserId, purpose,
                purpose == AccountLinkPurpose.Invitation ? MessageKinds.AccountInvitation : MessageKinds.AccountPasswordReset,
                purpose == AccountLinkPurpose.Invitation ? options.InvitationLifetime : options.PasswordResetLifetime,
                now, cancellationToken);
            audit.Record("PasswordResetLinkQueued", "User", AccountLinks.AuditId(account.UserId), null);
        }
    }
}
