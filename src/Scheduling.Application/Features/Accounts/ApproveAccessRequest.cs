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
/// An admin approves an access request (the doctor's account is created and the approval email
/// carries its invitation link) or declines it with a reason, which is emailed.
/// </summary>
public static class ApproveAccessRequest
{
    public sealed record Command(Guid RequestId) : ICommand<Result<string>>;

    public sealed class Handler(
        IApplicationDbContext db, IAccounts accounts, IOutbox outbox, IAuditLog audit, ICurrentUser currentUser, SecurityOptions options, TimeProvider clock)
        : ICommandHandler<Command, Result<string>>
    {
        public async ValueTask<Result<string>> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await db.AccessRequests.SingleOrDefaultAsync(r => r.Id == command.RequestId, cancellationToken);
            if (request is null)
            {
                return Error.NotFound("That access request does not exist.");
            }

            if (!request.IsPending)
            {
                return Error.Conflict("This request has already been decided.");
            }

            var created = await accounts.CreateAsync(
                new NewAccount(request.FullName, request.Email, [Roles.ReferringPhysician], request.Practice, request.Phone, request.Npi),
                cancellationToken);
            if (created.Failed(out var error, out var userId))
            {
                return error.Kind == ErrorKind.Conflict
                    ? Error.Conflict("An account with this email already exists. Decline the request, or send that account a password reset from Staff accounts.")
                    : error;
            }

            var now = clock.GetUtcNow().UtcDateTime;
            request.Approve(userId, currentUser.UserId ?? "unknown", now);
            await AccountLinks.QueueAsync(db, outbox, userId, AccountLinkPurpose.Invitation, MessageKinds.AccessApproved, options.InvitationLifetime, now, cancellationToken);
            audit.Record("AccessRequestApproved", "AccessRequest", request.Id, $"Account {userId}");
            await db.SaveChangesAsync(cancellationToken);
            return userId;
        }
    }
}
