using Scheduling.Domain.Common;

namespace Scheduling.Domain.Messaging;

/// <summary>
/// Whether the clinic sends text messages at all, and its quiet hours: no text leaves between
/// <see cref="QuietFrom"/> and <see cref="QuietUntil"/> clinic time (default 21:00 to 08:00); a text
/// that falls due then waits for the morning. Emails are not held: they wait in the mailbox anyway.
/// </summary>
public sealed class TextingPolicy
{
    public static readonly TimeOnly DefaultQuietFrom = new(21, 0);

    public static readonly TimeOnly DefaultQuietUntil = new(8, 0);

    public TextingPolicy(bool enabled, TimeOnly quietFrom, TimeOnly quietUntil)
    {
        Enabled = enabled;
        QuietFrom = quietFrom;
        QuietUntil = quietUntil;
    }

    public static TextingPolicy Off { get; } = new(false, DefaultQuietFrom, DefaultQuietUntil);

    /// <summary>False when no text provider is set up: no text is queued.</summary>
    public bool Enabled { get; }

    public TimeOnly QuietFrom { get; }

    public TimeOnly QuietUntil { get; }

    /// <summary>Equal bounds mean no quiet hours; bounds that wrap midnight (21:00 to 08:00) are the usual case.</summary>
    public bool IsQuiet(TimeOnly localTime) => QuietFrom == QuietUntil
        ? false
        : QuietFrom < QuietUntil
            ? localTime >= QuietFrom && localTime < QuietUntil
            : localTime >= QuietFrom || localTime < QuietUntil;

    /// <summary>The first instant at or after <paramref name="utc"/> when a text may be sent (the instant itself outside quiet hours).</summary>
    public DateTime NextSendTimeUtc(DateTime utc, ClinicTime clinicTime)
    {
        ArgumentNullException.ThrowIfNull(clinicTime);
        var local = clinicTime.ToLocal(utc);
        var time = TimeOnly.FromDateTime(local);
        if (!IsQuiet(time))
        {
            return utc;
        }

        // In the evening part of quiet hours that wrap midnight, the morning is tomorrow's.
        var day = DateOnly.FromDateTime(local);
        if (QuietFrom > QuietUntil && time >= QuietFrom)
        {
            day = day.AddDays(1);
        }

        return clinicTime.ToUtcNotLaterThan(day, QuietUntil);
    }
}
