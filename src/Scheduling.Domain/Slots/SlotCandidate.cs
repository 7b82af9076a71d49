namespace Scheduling.Domain.Slots;

/// <summary>
/// A slot the templates say should exist. (<see cref="RoomId"/>, <see cref="StartUtc"/>) is the
/// natural key the materialization job matches existing rows on. <see cref="EndUtc"/> is the end
/// of the procedure (the room is free after turnover), not the end of recovery.
/// </summary>
public sealed record SlotCandidate(
    Guid RoomId,
    DateOnly LocalDate,
    TimeOnly LocalStart,
    DateTime StartUtc,
    DateTime EndUtc);

/// <summary>
/// Candidates for a date range split by closures. <see cref="Closed"/> are slots that would exist
/// but for a closure; the caller matches them against booked rows to list bookings a new closure
/// hits, because those must be moved by a scheduler and never silently dropped.
/// </summary>
public sealed record SlotGeneration(IReadOnlyList<SlotCandidate> Open, IReadOnlyList<SlotCandidate> Closed);
