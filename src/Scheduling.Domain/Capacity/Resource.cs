using Scheduling.Domain.Common;
using Scheduling.Domain.Rooms;

namespace Scheduling.Domain.Capacity;

/// <summary>
/// Something a TACE needs and that can be claimed for a stretch of time: a room, a recovery unit
/// with <see cref="Capacity"/> bays, an IR physician or a sedation nurse. Claims (<see cref="ResourceClaim"/>)
/// reference it; at most <see cref="Capacity"/> claims can exist per 30-minute unit, which the
/// database enforces with the claims' key (resource, unit, seat).
/// </summary>
/// <remarks>
/// A room's resource row shares the room's id and is made with the room (the DbContext adds it
/// whenever a room is added, so no caller can forget). The room itself stays the home of its name,
/// location, day templates and service status; its resource row only anchors its claims and its
/// part-day closures, and is always active with one place.
/// </remarks>
public sealed class Resource : Entity
{
    public const int NameMaxLength = 100;
    public const int MaxCapacity = 200;

    private Resource()
    {
        Name = string.Empty;
        NormalizedName = string.Empty;
    }

    public ResourceKind Kind { get; private set; }

    public string Name { get; private set; }

    /// <summary>Upper-cased trimmed name; unique per kind, so "Dr Lee" cannot be added twice.</summary>
    public string NormalizedName { get; private set; }

    /// <summary>How many can hold it at once: the bays of a recovery unit; one for everything else.</summary>
    public int Capacity { get; private set; }

    public bool IsActive { get; private set; }

    /// <summary>The staff account of a physician or nurse, who may then enter their own leave; null for a name the admin keeps.</summary>
    public string? UserId { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public static Resource ForRoom(Room room)
    {
        ArgumentNullException.ThrowIfNull(room);
        return new Resource
        {
            Id = room.Id,
            Kind = ResourceKind.Room,
            Name = room.Name,
            NormalizedName = room.NormalizedName,
            Capacity = 1,
            IsActive = true,
            CreatedAtUtc = room.CreatedAtUtc,
        };
    }

    public static Resource Create(ResourceKind kind, string name, int capacity, string? userId, DateTime nowUtc)
    {
        if (kind == ResourceKind.Room || !Enum.IsDefined(kind))
        {
            throw new DomainException("Rooms are added on the rooms page.");
        }

        var resource = new Resource { Kind = kind, IsActive = true, CreatedAtUtc = nowUtc, Capacity = 1 };
        resource.Rename(name);
        resource.ChangeCapacity(capacity);
        resource.UserId = string.IsNullOrWhiteSpace(userId) ? null : userId;
        return resource;
    }

    public static string Normalize(string name) => name.Trim().ToUpperInvariant();

    /// <summary>Recovery units have bays; anything else holds exactly one case at a time.</summary>
    public static bool HasBays(ResourceKind kind) => kind == ResourceKind.RecoveryUnit;

    public void Rename(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("A resource needs a name.");
        }

        if (name.Trim().Length > NameMaxLength)
        {
            throw new DomainException($"A name can be at most {NameMaxLength} characters.");
        }

        Name = name.Trim();
        NormalizedName = Normalize(name);
    }

    public void ChangeCapacity(int capacity)
    {
        if (!HasBays(Kind))
        {
            if (capacity != 1)
            {
                throw new DomainException("Only a recovery unit has a number of bays.");
            }

            Capacity = 1;
            return;
        }

        if (capacity < 1 || capacity > MaxCapacity)
        {
            throw new DomainException($"A recovery unit has between 1 and {MaxCapacity} bays.");
        }

        Capacity = capacity;
    }

    public void LinkAccount(string? userId)
    {
        if (Kind is ResourceKind.Room or ResourceKind.RecoveryUnit && userId is not null)
        {
            throw new DomainException("Only a physician or a nurse has a staff account.");
        }

        UserId = string.IsNullOrWhiteSpace(userId) ? null : userId;
    }

    /// <summary>Takes it out of use: no new claims; bookings that still hold it are listed to be moved.</summary>
    public void Deactivate()
    {
        if (Kind == ResourceKind.Room)
        {
            throw new DomainException("A room is taken out of service on the rooms page.");
        }

        IsActive = false;
    }

    public void Reactivate() => IsActive = true;
}
