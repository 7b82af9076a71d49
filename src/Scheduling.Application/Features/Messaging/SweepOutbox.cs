using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Domain.Messaging;

namespace Scheduling.Application.Features.Messaging;

/// <summary>
/// Recurring (every minute): enqueues a dispatch for each message that is due (new, retry time
/// reached, reminder time reached) or whose claim expired. This is what makes a crash, a lost job or
/// a restart harmless: the outbox table, not Hangfire's storage, is the source of truth.
/// </summary>
public static class SweepOutbox
{
    public const string RecurringJobId = "outbox-sweep";

    public const int BatchSize = 500;

    /// <summary>Returns how many dispatches it enqueued.</summary>
    public sealed record Command : ICommand<int>;

    public sealed class Handler(IApplicationDbContext db, IBackgroundJobs jobs, TimeProvider clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var due = await db.OutboxMessages.AsNoTracking()
                .Where(m => (m.Status == OutboxStatus.Pending && m.NextAttemptAtUtc <= now)
                    || (m.Status == OutboxStatus.Sending && m.ClaimedUntilUtc < now))
                .OrderBy(m => m.NextAttemptAtUtc)
                .Select(m => m.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            foreach (var id in due)
            {
                jobs.EnqueueOutboxDispatch(id);
            }

            return due.Count;
        }
    }
}
