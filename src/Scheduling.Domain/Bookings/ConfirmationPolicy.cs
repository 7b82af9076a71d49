namespace Scheduling.Domain.Bookings;

/// <summary>
/// When a booking the patient has not confirmed becomes overdue and goes on the schedulers' list.
/// The patient has until a cut-off before the procedure (72 h by default) to confirm, but never less
/// than a grace period after the booking was made (24 h by default): a booking made for the next day
/// is not overdue the moment it is made. Durations are real elapsed time (UTC), so a DST change in
/// between neither shortens nor stretches them. Bound from the "Confirmation" configuration section.
/// </summary>
public sealed class ConfirmationPolicy
{
    public const string SectionName = "Confirmation";

    public const int DefaultGraceHours = 24;
    public const int DefaultCutoffHours = 72;
    public const int MaxHours = 24 * 14;

    /// <summary>Hours after booking before an unconfirmed booking can be overdue.</summary>
    public int GraceHours { get; set; } = DefaultGraceHours;

    /// <summary>Hours before the procedure by which the patient should have confirmed.</summary>
    public int CutoffHours { get; set; } = DefaultCutoffHours;

    public TimeSpan Grace => TimeSpan.FromHours(GraceHours);

    public TimeSpan Cutoff => TimeSpan.FromHours(CutoffHours);

    /// <summary>The instant a booking made at <paramref name="bookedAtUtc"/> for <paramref name="startUtc"/> becomes overdue.</summary>
    public DateTime OverdueAtUtc(DateTime bookedAtUtc, DateTime startUtc)
    {
        var cutoff = startUtc - Cutoff;
        var grace = bookedAtUtc + Grace;
        return cutoff > grace ? cutoff : grace;
    }

    public bool IsOverdue(DateTime bookedAtUtc, DateTime startUtc, DateTime nowUtc) => nowUtc >= OverdueAtUtc(bookedAtUtc, startUtc);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (GraceHours < 0 || GraceHours > MaxHours)
        {
            problems.Add($"{nameof(GraceHours)} must be between 0 and {MaxHours}.");
        }

        if (CutoffHours < 0 || CutoffHours > MaxHours)
        {
            problems.Add($"{nameof(CutoffHours)} must be between 0 and {MaxHours}.");
        }

        return problems;
    }
}
