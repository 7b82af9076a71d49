namespace Scheduling.Domain.Capacity;

/// <summary>
/// Time as claims count it: fixed 30-minute units numbered from the Unix epoch (UTC), so a unit is
/// the same instant on every provider and across daylight-saving changes. An interval holds every
/// unit it touches, from the unit its start falls in to the unit its end reaches into; slots start
/// on the half hour, so a 90-minute procedure is three units and a 4-hour recovery eight. A start
/// off the half hour holds the whole unit it falls in: the conservative side.
/// </summary>
public static class ClaimUnits
{
    public const int MinutesPerUnit = 30;

    public static readonly TimeSpan Length = TimeSpan.FromMinutes(MinutesPerUnit);

    private const long TicksPerUnit = MinutesPerUnit * TimeSpan.TicksPerMinute;

    /// <summary>The unit an instant falls in.</summary>
    public static int UnitOf(DateTime utc) => checked((int)((utc.Ticks - DateTime.UnixEpoch.Ticks) / TicksPerUnit));

    /// <summary>The first instant of a unit (UTC).</summary>
    public static DateTime StartOf(int unit) => DateTime.SpecifyKind(DateTime.UnixEpoch.AddTicks(unit * TicksPerUnit), DateTimeKind.Utc);

    /// <summary>The units [first, end) an interval [startUtc, endUtc) touches; empty when it is empty.</summary>
    public static UnitSpan Span(DateTime startUtc, DateTime endUtc)
    {
        if (endUtc <= startUtc)
        {
            return new UnitSpan(UnitOf(startUtc), UnitOf(startUtc));
        }

        var first = UnitOf(startUtc);
        var endTicks = endUtc.Ticks - DateTime.UnixEpoch.Ticks;
        var end = checked((int)((endTicks + TicksPerUnit - 1) / TicksPerUnit));
        return new UnitSpan(first, end);
    }
}

/// <summary>Units [<see cref="First"/>, <see cref="End"/>): the end is exclusive.</summary>
public readonly record struct UnitSpan(int First, int End)
{
    public int Count => End - First;

    public bool IsEmpty => End <= First;

    public bool Overlaps(UnitSpan other) => First < other.End && other.First < End;

    public IEnumerable<int> Units()
    {
        for (var unit = First; unit < End; unit++)
        {
            yield return unit;
        }
    }

    public DateTime StartUtc => ClaimUnits.StartOf(First);

    public DateTime EndUtc => ClaimUnits.StartOf(End);
}
