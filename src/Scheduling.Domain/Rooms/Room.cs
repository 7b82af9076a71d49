using Scheduling.Domain.Common;

namespace Scheduling.Domain.Rooms;

/// <summary>An interventional radiology suite in which procedures are booked.</summary>
public sealed class Room : Entity
{
    public const int NameMaxLength = 100;
    public const int LocationMaxLength = 200;

    private Room()
    {
        Name = string.Empty;
        NormalizedName = string.Empty;
    }

    public string Name { get; private set; }

    /// <summary>Upper-cased trimmed name; a unique index on it makes "IR 1" and "ir 1 " the same room.</summary>
    public string NormalizedName { get; private set; }

    /// <summary>Where patients go (building, floor); shown on the appointment page and in emails.</summary>
    public string? Location { get; private set; }

    public bool IsActive { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public static Room Create(string name, string? location, DateTime nowUtc)
    {
        var room = new Room { IsActive = true, CreatedAtUtc = nowUtc };
        room.Rename(name);
        room.Location = string.IsNullOrWhiteSpace(location) ? null : location.Trim();
        return room;
    }

    public static string Normalize(string name) => name.Trim().ToUpperInvariant();

    public void Rename(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("A room needs a name.");
        }

        Name = name.Trim();
        NormalizedName = Normalize(name);
    }

    /// <summary>Takes the room out of scheduling; its history and existing bookings stay.</summary>
    public void Deactivate() => IsActive = false;

    public void Reactivate() => IsActive = true;
}
