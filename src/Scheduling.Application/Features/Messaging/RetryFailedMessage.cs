using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Messaging;

namespace Scheduling.Application.Features.Messaging;

/// <summary>A scheduler or admin sends a failed email again (after fixing an address, or once the relay is back).</summary>
public static class RetryFailedMessage
{
    public sealed record Command(Guid OutboxMessageId) : ICommand<Result>;

    public sealed class Handler(IApplicationDbContext db, IPostCommitActions postCommit, IBackgroundJobs jobs, IAuditLog audit, TimeProvider clock)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == command.OutboxMessageId, cancellationToken);
            if (message is null)
            {
                return Error.NotFound();
            }

            if (message.Status != OutboxStatus.Failed)
            {
                return Error.Conflict("This message is not failed (any more): it was already retried or sent.");
            }

            message.Retry(clock.GetUtcNow().UtcDateTime);
            audit.Record("EmailRetried", "OutboxMessage", message.Id, message.Kind);
            await db.SaveChangesAsync(cancellationToken);
            postCommit.Add(_ =>
            {
                jobs.EnqueueOutboxDispatch(message.Id);
                return Task.CompletedTask;
            });
            return Result.Success();
        }
    }
}
