namespace Scheduling.Domain.Common;

/// <summary>
/// Base for aggregate roots and entities the audit interceptor follows. Ids are version-7 GUIDs:
/// they sort by creation time (good index locality) and cannot be guessed from a neighbour's id.
/// </summary>
/// <remarks>
/// An entity may raise domain events: what its change means for other aggregates (a completed
/// booking is a session of the patient's treatment course). They are handled inside the same
/// SaveChanges, so the change and its consequences commit together or not at all. They are held in
/// a field, not a property, so the database model never sees them.
/// </remarks>
public abstract class Entity
{
    private List<IDomainEvent>? _domainEvents;

    public Guid Id { get; protected init; } = Guid.CreateVersion7();

    /// <summary>Hands over the events raised since the last call and forgets them (each is handled once).</summary>
    public IReadOnlyList<IDomainEvent> PullDomainEvents()
    {
        var events = _domainEvents;
        _domainEvents = null;
        return events ?? [];
    }

    protected void Raise(IDomainEvent domainEvent) => (_domainEvents ??= []).Add(domainEvent);
}

/// <summary>Something that happened to an entity that another part of the domain must act on in the same transaction.</summary>
public interface IDomainEvent;
