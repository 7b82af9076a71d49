using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Domain.Common;

namespace Scheduling.Infrastructure.Persistence.Interceptors;

/// <summary>
/// Before a save, hands every domain event the tracked entities raised to its handlers, so what a
/// change means for other aggregates (a completed booking becomes a course session) is added to the
/// same save and commits in the same transaction, or not at all. Registered before the auditing
/// interceptor, so what the handlers add is audited too. Handlers may raise events in turn; a chain
/// longer than a few rounds is a bug and throws.
/// </summary>
public sealed class DomainEventsInterceptor(IDomainEventDispatcher dispatcher) : SaveChangesInterceptor
{
    private const int MaxRounds = 5;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context && Pull(context).Count > 0)
        {
            throw new InvalidOperationException("Domain events are handled by SaveChangesAsync only; the synchronous SaveChanges would drop them.");
        }

        return base.SavingChanges(eventData, result);
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            for (var round = 0; ; round++)
            {
                var events = Pull(context);
                if (events.Count == 0)
                {
                    break;
                }

                if (round == MaxRounds)
                {
                    throw new InvalidOperationException($"Domain events kept raising more events after {MaxRounds} rounds.");
                }

                foreach (var domainEvent in events)
                {
                    await dispatcher.DispatchAsync(domainEvent, cancellationToken);
                }
            }
        }

        return await base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private static List<IDomainEvent> Pull(DbContext context) =>
        context.ChangeTracker.Entries<Entity>().SelectMany(e => e.Entity.PullDomainEvents()).ToList();
}
