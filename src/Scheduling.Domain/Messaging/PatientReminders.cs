using System.Globalization;

namespace Scheduling.Domain.Messaging;

/// <summary>
/// The reminders a patient gets before the procedure: one outbox row per reminder, its kind naming how
/// long before the start it is due ("PatientReminder72h"), so several reminders of one booking never
/// collide and a row queued under earlier settings still says what it was. Which offsets exist is the
/// clinic's setting (<c>AppointmentPolicy.Reminders</c>); every reminder uses the one template
/// <see cref="MessageKinds.PatientReminder"/>; each reminder's text message (for a patient who agreed to
/// texts) is due at the same time, its kind the email's plus "Text", written with
/// <see cref="MessageKinds.PatientReminderText"/>. Queueing (when booked, moved, or the settings change)
/// and composing (when sent) both read this.
/// </summary>
public static class PatientReminders
{
    private const string Prefix = MessageKinds.PatientReminder;

    /// <summary>What a reminder's text message adds to its email's kind ("PatientReminder72h" -> "PatientReminder72hText").</summary>
    private const string TextSuffix = "Text";

    public static string KindFor(TimeSpan before) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{(int)before.TotalHours}h");

    /// <summary>The text message due with the reminder email <see cref="KindFor"/> names (sent only to a patient who agreed to texts).</summary>
    public static string TextKindFor(TimeSpan before) => KindFor(before) + TextSuffix;

    /// <summary>How long before the procedure a reminder text kind is due; false when the kind is not a reminder text.</summary>
    public static bool TryParseText(string kind, out TimeSpan before)
    {
        before = default;
        return kind.EndsWith(TextSuffix, StringComparison.Ordinal) && TryParse(kind[..^TextSuffix.Length], out before);
    }

    public static bool IsTextReminder(string kind) => TryParseText(kind, out _);


    /// <summary>How long before the procedure a reminder kind is due; false when the kind is not a reminder.</summary>
    public static bool TryParse(string kind, out TimeSpan before)
    {
        before = default;
        if (!kind.StartsWith(Prefix, StringComparison.Ordinal) || !kind.EndsWith('h')
            || !int.TryParse(kind.AsSpan(Prefix.Length, kind.Length - Prefix.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || hours < 1)
        {
            return false;
        }

        before = TimeSpan.FromHours(hours);
        return true;
    }

    public static bool IsReminder(string kind) => TryParse(kind, out _);

    /// <summary>
    /// The reminders still ahead for a procedure at <paramref name="startUtc"/>, with when each is due.
    /// One already due (a short-notice booking) is left out: the booking email arrives at that moment.
    /// </summary>
    public static IEnumerable<(string Kind, DateTime DueUtc)> Upcoming(IReadOnlyList<TimeSpan> offsets, DateTime startUtc, DateTime nowUtc) =>
        offsets.Select(before => (Kind: KindFor(before), DueUtc: startUtc - before)).Where(r => r.DueUtc > nowUtc);

    /// <summary>As <see cref="Upcoming"/>, the text message of each reminder still ahead.</summary>
    public static IEnumerable<(string Kind, DateTime DueUtc)> UpcomingTexts(IReadOnlyList<TimeSpan> offsets, DateTime startUtc, DateTime nowUtc) =>
        offsets.Select(before => (Kind: TextKindFor(before), DueUtc: startUtc - before)).Where(r => r.DueUtc > nowUtc);

    /// <summary>
    /// Why a reminder must not go out now, or null when it still applies: its offset is no longer one
    /// of the clinic's, or a later reminder is already due (an earlier one delayed by an outage would
    /// only repeat it).
    /// </summary>
    public static string? SkipReason(string kind, IReadOnlyList<TimeSpan> offsets, DateTime startUtc, DateTime nowUtc)
    {
        if (!TryParse(kind, out var before) && !TryParseText(kind, out before))
        {
            return null;
        }

        if (!offsets.Contains(before))
        {
            return $"The clinic no longer sends a reminder {Hours(before)} before.";
        }

        var later = offsets.Where(o => o < before && startUtc - nowUtc <= o).Order().FirstOrDefault();
        return later == default ? null : $"The reminder {Hours(later)} before supersedes this one.";
    }

    private static string Hours(TimeSpan before) => string.Create(CultureInfo.InvariantCulture, $"{(int)before.TotalHours} hours");
}
