using Scheduling.Domain.Common;

namespace Scheduling.Domain.Slots;

/// <summary>
/// The business numbers behind slot generation and booking lead time, kept in one place so
/// validators, entities, jobs and views agree. Settable properties are the ones a clinic may tune
/// (bound from the "Slots" configuration section); the procedure length is clinical and fixed.
/// </summary>
public sealed class SlotPolicy
{
    public const string SectionName = "Slots";

    public const int ProcedureLengthMinutes = 90;
    public static readonly TimeSpan ProcedureLength = TimeSpan.FromMinutes(ProcedureLengthMinutes);

    // Bounds that keep an admin's typo (e.g. 300 minutes of turnover, 40 h of recovery) from
    // silently producing an empty or absurd schedule.
    public const int MaxTurnoverMinutes = 240;
    public static readonly TimeSpan MaxRecovery = TimeSpan.FromHours(12);
    public const int MaxHorizonDays = 366;
    public const int MaxLeadBusinessDays = 20;

    public const int DefaultTurnoverMinutesValue = 30;
    public static readonly TimeSpan DefaultRecoveryValue = TimeSpan.FromHours(4);
    public const int DefaultHorizonDaysValue = 16 * 7;
    public const int DefaultLeadBusinessDaysValue = 1;

    /// <summary>How many days ahead of today slots are materialized (16 weeks by default).</summary>
    public int HorizonDays { get; set; } = DefaultHorizonDaysValue;

    /// <summary>Turnover pre-filled when an admin creates a new day template.</summary>
    public int DefaultTurnoverMinutes { get; set; } = DefaultTurnoverMinutesValue;

    /// <summary>Recovery/observation time pre-filled when an admin creates a new day template.</summary>
    public TimeSpan DefaultRecovery { get; set; } = DefaultRecoveryValue;

    /// <summary>
    /// Business days between today and the earliest bookable day. One means "next business day":
    /// pre-procedure labs, anticoagulation holds and the patient confirmation need at least that.
    /// </summary>
    public int MinimumLeadBusinessDays { get; set; } = DefaultLeadBusinessDaysValue;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (HorizonDays < 1 || HorizonDays > MaxHorizonDays)
        {
            problems.Add($"{nameof(HorizonDays)} must be between 1 and {MaxHorizonDays}.");
        }
        if (DefaultTurnoverMinutes < 0 || DefaultTurnoverMinutes > MaxTurnoverMinutes)
        {
            problems.Add($"{nameof(DefaultTurnoverMinutes)} must be between 0 and {MaxTurnoverMinutes}.");
        }
        if (DefaultRecovery < TimeSpan.Zero || DefaultRecovery > MaxRecovery)
        {
            problems.Add($"{nameof(DefaultRecovery)} must be between 0 and {MaxRecovery.TotalHours:0} hours.");
        }
        if (MinimumLeadBusinessDays < 1 || MinimumLeadBusinessDays > MaxLeadBusinessDays)
        {
            problems.Add($"{nameof(MinimumLeadBusinessDays)} must be between 1 and {MaxLeadBusinessDays}.");
        }
        return problems;
    }

    /// <summary>A new template for a weekday, pre-filled with this clinic's default turnover and recovery.</summary>
    public DayTemplate NewTemplate(DayOfWeek weekday, TimeOnly firstStart, TimeOnly unitCloses) =>
        new(weekday, firstStart, DefaultTurnoverMinutes, DefaultRecovery, unitCloses);

    /// <summary>
    /// Last local date (inclusive) to materialize: today plus <see cref="HorizonDays"/>, so the same
    /// weekday 16 weeks out is already bookable.
    /// </summary>
    public DateOnly HorizonLastLocalDate(DateOnly todayLocal) => todayLocal.AddDays(HorizonDays);

    /// <summary>
    /// Earliest local date a slot may be booked for. Weekends are skipped because the intake team
    /// that prepares the patient works Monday to Friday; clinic holidays are closures and simply
    /// have no open slots, so they are not counted here.
    /// </summary>
    public DateOnly EarliestBookableLocalDate(DateOnly todayLocal)
    {
        var date = todayLocal;
        for (var counted = 0; counted < MinimumLeadBusinessDays;)
        {
            date = date.AddDays(1);
            if (IsBusinessDay(date))
            {
                counted++;
            }
        }
        return date;
    }

    /// <summary>
    /// Whether a slot starting at <paramref name="slotStartUtc"/> respects the lead time as of
    /// <paramref name="nowUtc"/>. The horizon is deliberately not checked: it limits what the job
    /// materializes, and a slot that already exists stays bookable if the horizon is shortened.
    /// </summary>
    public bool IsBookable(DateTime slotStartUtc, DateTime nowUtc, ClinicTime clinicTime)
    {
        ArgumentNullException.ThrowIfNull(clinicTime);
        var todayLocal = clinicTime.LocalDate(nowUtc);
        return clinicTime.LocalDate(slotStartUtc) >= EarliestBookableLocalDate(todayLocal);
    }

    public static bool IsBusinessDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
}
