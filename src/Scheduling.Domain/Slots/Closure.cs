using Scheduling.Domain.Common;

namespace Scheduling.Domain.Slots;

/// <summary>
/// A saved closure: the whole clinic (<see cref="RoomId"/> null) or one room, on clinic-local dates
/// from <see cref="FromDate"/> to <see cref="ToDate"/> inclusive. Removing it reopens the days.
/// </summary>
public sealed class Closure : Entity
{
    public const int ReasonMaxLength = 200;
    public const int CreatedByMaxLength = 256;

    private Closure()
    {
        Reason = string.Empty;
        CreatedBy = string.Empty;
    }

    public Guid? RoomId { get; private set; }

    public DateOnly FromDate { get; private set; }

    public DateOnly ToDate { get; private set; }

    public string Reason { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public static Closure Create(ClosureWindow window, string createdBy, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(window);
        var problems = window.Validate();
        if (problems.Count > 0)
        {
            throw new DomainException(string.Join(" ", problems));
        }

        var reason = window.Reason.Trim();
        if (reason.Length > ReasonMaxLength)
        {
            throw new DomainException($"A closure reason can be at most {ReasonMaxLength} characters.");
        }

        if (string.IsNullOrWhiteSpace(createdBy))
        {
            throw new DomainException("A closure records who created it.");
        }

        return new Closure
        {
            RoomId = window.RoomId,
            FromDate = window.From,
            ToDate = window.To,
            Reason = reason,
            CreatedBy = createdBy.Trim(),
            CreatedAtUtc = nowUtc,
        };
    }

    public ClosureWindow ToWindow() => new(RoomId, FromDate, ToDate, Reason);
}
