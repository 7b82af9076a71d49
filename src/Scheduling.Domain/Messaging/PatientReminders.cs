namespace Scheduling.Domain.Messaging;

/// <summary>
/// The reminders a patient gets before the procedure, earliest first: which exist, how long before
/// the start each is due, and when an earlier one is superseded by a later one already due. Queueing
/// (when booked or moved) and composing (when sent) both read this list.
/// </summary>
public static class PatientReminders
{
    /// <param name="Kind">The email.</param>
    /// <param name="TextKind">The text message due at the same time (sent only to a patient who agreed to texts).</param>
    public sealed record Reminder(string Kind, TimeSpan Before, string TextKind);

    public static readonly IReadOnlyList<Reminder> All =
    [
        new(MessageKinds.PatientReminder72h, TimeSpan.FromHours(72), MessageKinds.PatientReminder72hText),
        new(MessageKinds.PatientReminder24h, TimeSpan.FromHours(24), MessageKinds.PatientReminder24hText),
    ];

    public static IReadOnlyList<string> Kinds { get; } = All.Select(r => r.Kind).ToList();

    public static IReadOnlyList<string> TextKinds { get; } = All.Select(r => r.TextKind).ToList();

    /// <summary>
    /// The reminders still ahead for a procedure at <paramref name="startUtc"/>, with when each is due.
    /// One already due (a short-notice booking) is left out: the booking email arrives at that moment.
    /// </summary>
    public static IEnumerable<(string Kind, DateTime DueUtc)> Upcoming(DateTime startUtc, DateTime nowUtc) =>
        All.Select(r => (r.Kind, DueUtc: startUtc - r.Before)).Where(r => r.DueUtc > nowUtc);

    /// <summary>As <see cref="Upcoming"/>, the text message of each reminder still ahead.</summary>
    public static IEnumerable<(string Kind, DateTime DueUtc)> UpcomingTexts(DateTime startUtc, DateTime nowUtc) =>
        All.Select(r => (r.TextKind, DueUtc: startUtc - r.Before)).Where(r => r.DueUtc > nowUtc);

    /// <summary>
    /// The later reminder, already due, that a reminder sent now would only repeat (an earlier one
    /// delayed by an outage); null when it still applies or the kind is not a reminder.
    /// </summary>
    public static Reminder? SupersededBy(string kind, DateTime startUtc, DateTime nowUtc)
    {
        var index = All.ToList().FindIndex(r => r.Kind == kind || r.TextKind == kind);
        return index < 0 ? null : All.Skip(index + 1).LastOrDefault(later => startUtc - nowUtc <= later.Before);
    }
}
