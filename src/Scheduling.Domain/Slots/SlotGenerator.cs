using Scheduling.Domain.Common;

namespace Scheduling.Domain.Slots;

/// <summary>
/// Turns room templates and closures into the slots that should exist for a range of clinic-local
/// dates. Pure and deterministic: the same input always gives the same ordered output, which the
/// idempotent materialization job relies on.
/// </summary>
/// <remarks>
/// Templates are in wall-clock time and the same wall-clock starts are produced on DST-change days,
/// except where the clock makes that impossible. A start inside the spring-forward gap is skipped
/// rather than shifted: shifting would invent a start time nobody staffed, could land on the next
/// template start and break the (room, start UTC) key, and clinic hours make it theoretical anyway.
/// For the same reasons a start that would begin before the previous case has ended plus turnover
/// in real elapsed time (possible across a spring-forward change) is skipped, and the same-day
/// discharge rule is checked in real elapsed time against closing.
/// </remarks>
public static class SlotGenerator
{
    /// <summary>Open slots only, ordered by start (UTC) then room.</summary>
    public static IReadOnlyList<SlotCandidate> Generate(
        IEnumerable<RoomSchedule> rooms,
        IEnumerable<ClosureWindow> closures,
        DateOnly fromLocalDate,
        DateOnly toLocalDate,
        ClinicTime clinicTime) =>
        GenerateWithClosures(rooms, closures, fromLocalDate, toLocalDate, clinicTime).Open;

    /// <summary>Open slots and slots removed by a closure, each ordered by start (UTC) then room. Both dates inclusive.</summary>
    public static SlotGeneration GenerateWithClosures(
        IEnumerable<RoomSchedule> rooms,
        IEnumerable<ClosureWindow> closures,
        DateOnly fromLocalDate,
        DateOnly toLocalDate,
        ClinicTime clinicTime)
    {
        ArgumentNullException.ThrowIfNull(rooms);
        ArgumentNullException.ThrowIfNull(closures);
        ArgumentNullException.ThrowIfNull(clinicTime);
        if (toLocalDate < fromLocalDate)
        {
            throw new ArgumentException($"The range ends ({toLocalDate:yyyy-MM-dd}) before it starts ({fromLocalDate:yyyy-MM-dd}).", nameof(toLocalDate));
        }

        var roomList = rooms.ToList();
        var duplicate = roomList.GroupBy(r => r.RoomId).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Room {duplicate.Key} appears more than once.", nameof(rooms));
        }
        var closureList = closures.ToList();

        var open = new List<SlotCandidate>();
        var closed = new List<SlotCandidate>();
        foreach (var room in roomList.Where(r => r.IsActive))
        {
            for (var date = fromLocalDate; date <= toLocalDate; date = date.AddDays(1))
            {
                var template = room.TemplateFor(date.DayOfWeek);
                if (template is null)
                {
                    continue;
                }

                var target = IsClosed(closureList, room.RoomId, date) ? closed : open;
                target.AddRange(SlotsOnDay(room.RoomId, date, template, clinicTime));
            }
        }

        return new SlotGeneration(Ordered(open), Ordered(closed));
    }

    public static bool IsClosed(IEnumerable<ClosureWindow> closures, Guid roomId, DateOnly localDate)
    {
        ArgumentNullException.ThrowIfNull(closures);
        return closures.Any(c => c.Covers(roomId, localDate));
    }

    private static IEnumerable<SlotCandidate> SlotsOnDay(Guid roomId, DateOnly date, DayTemplate template, ClinicTime clinicTime)
    {
        var closingUtc = clinicTime.ToUtcNotLaterThan(date, template.UnitCloses);
        DateTime? roomFreeUtc = null;

        foreach (var localStart in template.LocalStarts())
        {
            if (!clinicTime.TryToUtc(date, localStart, out var startUtc))
            {
                continue; // inside the spring-forward gap: this wall-clock time does not exist today
            }
            if (roomFreeUtc is { } free && startUtc < free)
            {
                continue;
            }

            var endUtc = startUtc + SlotPolicy.ProcedureLength;
            if (endUtc + template.Recovery > closingUtc)
            {
                yield break;
            }

            roomFreeUtc = endUtc + template.Turnover;
            yield return new SlotCandidate(roomId, date, localStart, startUtc, endUtc);
        }
    }

    private static List<SlotCandidate> Ordered(List<SlotCandidate> candidates) =>
        candidates.OrderBy(c => c.StartUtc).ThenBy(c => c.RoomId).ToList();
}
