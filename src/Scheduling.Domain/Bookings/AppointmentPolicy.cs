namespace Scheduling.Domain.Bookings;

/// <summary>
/// What a patient is told and asked about their appointment, in one place: how long before the
/// procedure they arrive, when reminders go out, and the checklist they tick to confirm. Bound from
/// the "Appointments" configuration section (the first values); the clinic changes them on its
/// settings page. Lists are null until set, because the configuration binder appends to a list that
/// already has items instead of replacing it.
/// </summary>
public sealed class AppointmentPolicy
{
    public const string SectionName = "Appointments";

    public const int DefaultArrivalLeadMinutes = 120;
    public const int MaxArrivalLeadMinutes = 8 * 60;
    public const int MaxReminders = 5;
    public const int MaxReminderHours = 14 * 24;
    public const int MaxChecklistItems = 10;
    public const int ChecklistItemMaxLength = 300;

    public static readonly IReadOnlyList<int> DefaultReminderHours = [72, 24];

    public static readonly IReadOnlyList<string> DefaultChecklist =
    [
        "A responsible adult will drive me home, and I will not drive for 24 hours.",
        "I understand: nothing to eat after midnight, clear liquids until 2 hours before I arrive.",
        "I have a list of all my medicines ready to bring.",
    ];

    /// <summary>Minutes before the procedure the patient arrives (IV line, labs on the day).</summary>
    public int ArrivalLeadMinutes { get; set; } = DefaultArrivalLeadMinutes;

    /// <summary>Hours before the procedure each reminder is due; null means <see cref="DefaultReminderHours"/>.</summary>
    public int[]? ReminderHoursBefore { get; set; }

    /// <summary>What the patient ticks to confirm; null means <see cref="DefaultChecklist"/>.</summary>
    public string[]? ConfirmationChecklist { get; set; }

    public TimeSpan ArrivalLead => TimeSpan.FromMinutes(ArrivalLeadMinutes);

    /// <summary>The reminders, earliest first (the longest time before the procedure first), each once.</summary>
    public IReadOnlyList<TimeSpan> Reminders =>
        (ReminderHoursBefore ?? [.. DefaultReminderHours]).Distinct().OrderDescending().Select(h => TimeSpan.FromHours(h)).ToList();

    public IReadOnlyList<string> Checklist =>
        (ConfirmationChecklist ?? [.. DefaultChecklist]).Select(i => i.Trim()).Where(i => i.Length > 0).ToList();

    /// <summary>When the patient arrives for a procedure starting at <paramref name="startUtc"/> (real elapsed time, so DST is handled).</summary>
    public DateTime ArrivalUtc(DateTime startUtc) => startUtc - ArrivalLead;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ArrivalLeadMinutes is < 0 or > MaxArrivalLeadMinutes)
        {
            problems.Add($"{nameof(ArrivalLeadMinutes)} must be between 0 and {MaxArrivalLeadMinutes} (is {ArrivalLeadMinutes}).");
        }

        var hours = ReminderHoursBefore ?? [.. DefaultReminderHours];
        if (hours.Length > MaxReminders)
        {
            problems.Add($"{nameof(ReminderHoursBefore)} may list at most {MaxReminders} reminders (has {hours.Length}).");
        }

        if (hours.Any(h => h is < 1 or > MaxReminderHours))
        {
            problems.Add($"{nameof(ReminderHoursBefore)} must each be between 1 and {MaxReminderHours} hours before the procedure.");
        }
        else if (hours.Distinct().Count() != hours.Length)
        {
            problems.Add($"{nameof(ReminderHoursBefore)} lists the same time twice.");
        }

        var items = ConfirmationChecklist ?? [.. DefaultChecklist];
        if (items.Length > MaxChecklistItems)
        {
            problems.Add($"{nameof(ConfirmationChecklist)} may have at most {MaxChecklistItems} items (has {items.Length}).");
        }

        if (items.Any(i => string.IsNullOrWhiteSpace(i)))
        {
            problems.Add($"{nameof(ConfirmationChecklist)} has an empty item.");
        }

        if (items.Any(i => i.Length > ChecklistItemMaxLength))
        {
            problems.Add($"{nameof(ConfirmationChecklist)} items must be at most {ChecklistItemMaxLength} characters each.");
        }

        return problems;
    }
}
