using Scheduling.Domain.Common;

namespace Scheduling.Application.Common.Abstractions;

/// <summary>
/// What another aggregate does when a domain event is raised. Runs inside the SaveChanges that
/// carries the change (and so inside its transaction): whatever it adds to the context is saved with
/// it, or nothing is. It must not save by itself.
/// </summary>
public interface IDomainEventHandler<in TEvent>
    where TEvent : IDomainEvent
{
    Task HandleAsync(TEvent domainEvent, CancellationToken cancellationToken);
}

/// <summary>Hands each raised event to its handlers (called by the database layer before it saves).</summary>
public interface IDomainEventDispatcher
{
    Task DispatchAsync(IDomainEvent domainEvent, CancellationToken cancellationToken);
}
