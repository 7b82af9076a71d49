using System.Collections.Concurrent;
using System.Reflection;

using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Domain.Common;

namespace Scheduling.Application.Common;

/// <summary>Finds the handlers of an event's type in the request's scope and runs them one after the other.</summary>
public sealed class DomainEventDispatcher(IServiceProvider services) : IDomainEventDispatcher
{
    private static readonly ConcurrentDictionary<Type, Func<DomainEventDispatcher, IDomainEvent, CancellationToken, Task>> Dispatchers = new();

    private static readonly MethodInfo DispatchTyped =
        typeof(DomainEventDispatcher).GetMethod(nameof(DispatchAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;

    public Task DispatchAsync(IDomainEvent domainEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        var dispatch = Dispatchers.GetOrAdd(domainEvent.GetType(), type =>
        {
            var method = DispatchTyped.MakeGenericMethod(type);
            return (dispatcher, e, ct) => (Task)method.Invoke(dispatcher, [e, ct])!;
        });
        return dispatch(this, domainEvent, cancellationToken);
    }

    private async Task DispatchAsync<TEvent>(IDomainEvent domainEvent, CancellationToken cancellationToken)
        where TEvent : IDomainEvent
    {
        foreach (var handler in services.GetServices<IDomainEventHandler<TEvent>>())
        {
            await handler.HandleAsync((TEvent)domainEvent, cancellationToken);
        }
    }
}
