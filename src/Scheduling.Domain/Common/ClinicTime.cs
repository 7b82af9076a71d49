namespace Scheduling.Domain.Common;

/// <summary>
/// The clinic's single time zone and how its clock reads (<see cref="Clock"/>). Slots are stored in
/// UTC and shown in clinic local time; every conversion goes through here so DST is handled the
/// same way everywhere.
/// </summary>
/// <remarks>
/// UTC instants are <see cref="DateTime"/> rather than <see cref="DateTimeOffset"/> because the
/// embedded SQLite provider cannot compare or order DateTimeOffset columns in queries, and the
/// natural key of a slot is (room, start UTC). Values read back from a database usually have
/// <see cref="DateTimeKind.Unspecified"/>; they are taken as UTC. Local-kind values are refused
/// because they carry the server's zone, not the clinic's.
/// </remarks>
public sealed class ClinicTime
{
    public const string DefaultTimeZoneId = "America/New_York";

    public ClinicTime(TimeZoneInfo zone, ClockStyle? clock = null)
    {
        ArgumentNullException.ThrowIfNull(zone);
        Zone = zone;
        Clock = clock ?? ClockStyle.Default;
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>How a clock time is written: the clinic culture's short time ("7:30 AM" or "07:30").</summary>
    public ClockStyle Clock { get; }

    /// <summary>Looks the zone up by IANA id (works on Linux and, through ICU, on Windows).</summary>
    public static ClinicTime FromTimeZoneId(string timeZoneId = DefaultTimeZoneId, string culture = ClockStyle.DefaultCulture) =>
        new(TimeZoneInfo.FindSystemTimeZoneById(timeZoneId), ClockStyle.Of(System.Globalization.CultureInfo.GetCultureInfo(culture, predefinedOnly: true)));

    /// <summary>A clinic wall-clock time as the clinic writes it: "7:30 AM" (en-US), "07:30" (en-GB).</summary>
    public string Time(DateTime local) => Clock.Format(local);

    /// <summary>A template's clock time as the clinic writes it.</summary>
    public string Time(TimeOnly time) => Clock.Format(time);

    public DateOnly Today(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return LocalDate(timeProvider.GetUtcNow().UtcDateTime);
    }

    public DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(AsUtc(utc), Zone);

    public DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc));

    /// <summary>The offset in force at an instant, for display ("07:30 EDT") and .ics files.</summary>
    public TimeSpan OffsetAt(DateTime utc) => Zone.GetUtcOffset(AsUtc(utc));

    /// <summary>
    /// Converts a clinic wall-clock time to UTC. Returns false when the time does not exist
    /// (skipped by a spring-forward change). An ambiguous time (repeated by a fall-back change)
    /// resolves to its first occurrence, the daylight one, because that is the one the clock shows
    /// first: staff arriving for "01:30" are there at the first 01:30.
    /// </summary>
    public bool TryToUtc(DateOnly localDate, TimeOnly localTime, out DateTime utc)
    {
        var local = localDate.ToDateTime(localTime, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            utc = default;
            return false;
        }

        var offset = Zone.IsAmbiguousTime(local)
            ? Zone.GetAmbiguousTimeOffsets(local).Max() // larger offset = earlier instant = first occurrence
            : Zone.GetUtcOffset(local);
        utc = DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
        return true;
    }

    /// <summary>As <see cref="TryToUtc"/>, for callers that have already ruled out the DST gap.</summary>
    public DateTime ToUtc(DateOnly localDate, TimeOnly localTime) =>
        TryToUtc(localDate, localTime, out var utc)
            ? utc
            : throw new ArgumentException(
                $"{localDate:yyyy-MM-dd} {localTime:HH:mm} does not exist in {Zone.Id} (daylight saving gap).",
                nameof(localTime));

    /// <summary>
    /// Like <see cref="TryToUtc"/> but never fails: a time inside the spring-forward gap is read
    /// with the offset in force after the gap, which gives the earlier of the two possible instants.
    /// Used for limits such as unit closing, where erring early is the safe side.
    /// </summary>
    public DateTime ToUtcNotLaterThan(DateOnly localDate, TimeOnly localTime)
    {
        if (TryToUtc(localDate, localTime, out var utc))
        {
            return utc;
        }

        var local = localDate.ToDateTime(localTime, DateTimeKind.Unspecified);
        // A DST gap never spans more than a few hours, so a day on either side is safely outside it.
        var offset = new[] { Zone.GetUtcOffset(local.AddDays(-1)), Zone.GetUtcOffset(local.AddDays(1)) }.Max();
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }

    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => throw new ArgumentException("Expected a UTC instant, got a server-local DateTime.", nameof(value)),
    };
}
