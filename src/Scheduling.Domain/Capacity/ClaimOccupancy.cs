namespace Scheduling.Domain.Capacity;

/// <summary>
/// Which seats of which resources are taken in which units, as read from the live claims (a
/// booking's, or an unexpired hold's). A resource of capacity N has a place in a unit when one of
/// its seats 0..N-1 is free there; seats at N or above (left by a capacity cut) count as taken places
/// but never as free ones.
/// </summary>
public sealed class ClaimOccupancy
{
    private readonly Dictionary<(Guid Resource, int Unit), List<int>> _taken = [];

    public static ClaimOccupancy Empty => new();

    public void Add(Guid resourceId, int unit, int seat)
    {
        if (!_taken.TryGetValue((resourceId, unit), out var seats))
        {
            seats = [];
            _taken[(resourceId, unit)] = seats;
        }

        seats.Add(seat);
    }

    /// <summary>How many claims hold the resource in the unit.</summary>
    public int Count(Guid resourceId, int unit) => _taken.TryGetValue((resourceId, unit), out var seats) ? seats.Count : 0;

    /// <summary>The lowest free seat below <paramref name="capacity"/>, or null when every place is taken.</summary>
    public int? FreeSeat(Guid resourceId, int unit, int capacity)
    {
        if (!_taken.TryGetValue((resourceId, unit), out var seats))
        {
            return capacity > 0 ? 0 : null;
        }

        for (var seat = 0; seat < capacity; seat++)
        {
            if (!seats.Contains(seat))
            {
                return seat;
            }
        }

        return null;
    }

    public bool HasPlace(Guid resourceId, UnitSpan span, int capacity)
    {
        foreach (var unit in span.Units())
        {
            if (FreeSeat(resourceId, unit, capacity) is null)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The first unit of <paramref name="span"/> without a place, for saying when it is full.</summary>
    public int? FirstFullUnit(Guid resourceId, UnitSpan span, int capacity) =>
        span.Units().Cast<int?>().FirstOrDefault(u => FreeSeat(resourceId, u!.Value, capacity) is null);
}
