using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;

namespace Scheduling.Application.Common.Behaviours;

/// <summary>
/// Wraps each command in one database transaction: everything it writes (the change, its audit
/// lines, its outbox messages) commits together or not at all. A failed result rolls back too, so a
/// handler that refuses half-way leaves nothing behind, in the database or in the context. Runs inside the provider's execution
/// strategy so SQL Server's transient-fault retries replay the whole command. Post-commit actions
/// (enqueueing jobs) run only after a successful commit. On SQLite the transaction waits its turn at
/// the process's write gate, which the database context takes by itself (Infrastructure's
/// SqliteWriteTurns), so writers queue in order instead of sleeping in SQLite's busy handler.
/// </summary>
public sealed class TransactionBehaviour<TMessage, TResponse>(IApplicationDbContext db, IPostCommitActions postCommit)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBaseCommand
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await next(message, cancellationToken);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        var attempts = 0;
        var (response, committed) = await strategy.ExecuteAsync(async ct =>
        {
            postCommit.Clear();

            // A retried attempt (SQL Server deadlock victim, transient fault) must start from the
            // database, not from the entities the failed attempt changed in memory: a booking race
            // loser would otherwise see its own unsaved "Scheduled" referral and get the wrong answer.
            // The first attempt keeps whatever the caller tracked before sending the command.
            if (attempts++ > 0 && db is DbContext context)
            {
                context.ChangeTracker.Clear();
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await next(message, ct);
            if (result is IUseCaseResult { Error: not null })
            {
                await transaction.RollbackAsync(ct);

                // What the refused command changed in memory goes too. A booking that lost its race
                // at the unique index is still tracked as Added; the page re-rendered in the same
                // request saves its audit line, which would insert that booking again and fail.
                if (db is DbContext refused)
                {
                    refused.ChangeTracker.Clear();
                }

                return (result, false);
            }

            await transaction.CommitAsync(ct);
            return (result, true);
        }, cancellationToken);

        if (committed)
        {
            await postCommit.RunAsync(cancellationToken);
        }
        else
        {
            postCommit.Clear();
        }

        return response;
    }
}
