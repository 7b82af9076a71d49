namespace Scheduling.Domain.Common;

/// <summary>
/// Base for aggregate roots and entities the audit interceptor follows. Ids are version-7 GUIDs:
/// they sort by creation time (good index locality) and cannot be guessed from a neighbour's id.
/// </summary>
public abstract class Entity
{
    public Guid Id { get; protected init; } = Guid.CreateVersion7();
}
