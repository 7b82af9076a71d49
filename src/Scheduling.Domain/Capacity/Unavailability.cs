using Scheduling.Domain.Common;

namespace Scheduling.Domain.Capacity;

public enum UnavailabilityKind
{
    Leave,
    Meeting,
    Maintenance,
    Other,
}

/// <summary>
/// A stretch of time a resource cannot be used (a physician's leave or meeting, a room or unit
/// closed for maintenance), entered by an admin or by the physician themself. It never cancels
/// anything: bookings that hold the resource then are listed for a scheduler to move. A weekly
/// repeat is saved as one row per week, sharing <see cref="SeriesId"/>.
/// </summary>
public sealed class Unavailability : Entity
{
    public const int NoteMaxLength = 200;
    public const int CreatedByMaxLength = 256;
    public const int MaxRepeatWeeks = 52;

    private Unavailability()
    {
        CreatedBy = string.Empty;
    }

    public Guid ResourceId { get; private set; }

    public DateTime StartUtc { get; private set; }

    public DateTime EndUtc { get; private set; }

    /// <summary>The claim units it blocks, [FirstUnit, EndUnit), so the database can compare it with claims.</summary>
    public int FirstUnit { get; private set; }

    public int EndUnit { get; private set; }

    public UnavailabilityKind Kind { get; private set; }

    public string? Note { get; private set; }

    public Guid? SeriesId { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public UnitSpan Units => new(FirstUnit, EndUnit);

    public static Unavailability Create(
        Guid resourceId, DateTime startUtc, DateTime endUtc, UnavailabilityKind kind, string? note, Guid? seriesId, string createdBy, DateTime nowUtc)
    {
        if (endUtc <= startUtc)
        {
            throw new DomainException("An unavailability must end after it starts.");
        }

        if (!Enum.IsDefined(kind))
        {
            throw new DomainException("Choose what kind of unavailability this is.");
        }

        var trimmed = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (trimmed?.Length > NoteMaxLength)
        {
            throw new DomainException($"A note can be at most {NoteMaxLength} characters.");
        }

        if (string.IsNullOrWhiteSpace(createdBy))
        {
            throw new DomainException("An unavailability records who entered it.");
        }

        var units = ClaimUnits.Span(startUtc, endUtc);
        return new Unavailability
        {
            ResourceId = resourceId,
            StartUtc = startUtc,
            EndUtc = endUtc,
            FirstUnit = units.First,
            EndUnit = units.End,
            Kind = kind,
            Note = trimmed,
            SeriesId = seriesId,
            CreatedBy = createdBy.Trim(),
            CreatedAtUtc = nowUtc,
        };
    }

    public UnavailableWindow ToWindow() => new(ResourceId, StartUtc, EndUtc, Kind, Note);
}

/// <summary>What the availability rules need of an <see cref="Unavailability"/>.</summary>
public sealed record UnavailableWindow(Guid ResourceId, DateTime StartUtc, DateTime EndUtc, UnavailabilityKind Kind, string? Note)
{
    public UnitSpan Units => ClaimUnits.Span(StartUtc, EndUtc);

    /// <summary>"on leave", "in a meeting (Tumour board)", "closed for maintenance".</summary>
    public string What => Phrase(Kind) + (Note is null ? string.Empty : $" ({Note})");

    public static string Phrase(UnavailabilityKind kind) => kind switch
    {
        UnavailabilityKind.Leave => "on leave",
        UnavailabilityKind.Meeting => "in a meeting",
        UnavailabilityKind.Maintenance => "closed for maintenance",
        _ => "unavailable",
    };
}
