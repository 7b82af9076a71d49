using Scheduling.Domain.Common;

namespace Scheduling.Domain.Slots;

/// <summary>
/// One weekday of a room's weekly schedule, in clinic wall-clock time. A slot exists only if the
/// patient can finish the procedure and recovery before the day unit closes, so every booked
/// patient can be discharged the same day.
/// </summary>
public sealed record DayTemplate(
    DayOfWeek Weekday,
    TimeOnly FirstStart,
    int TurnoverMinutes,
    TimeSpan Recovery,
    TimeOnly UnitCloses)
{
    public TimeSpan Turnover => TimeSpan.FromMinutes(TurnoverMinutes);

    /// <summary>Time from one start to the next: the procedure plus room turnover.</summary>
    public TimeSpan StartInterval => SlotPolicy.ProcedureLength + Turnover;

    /// <summary>Problems an admin must fix before the template is saved; empty when valid.</summary>
    public IReadOnlyList<string> Validate() => Problems().Select(p => p.Message).ToList();

    /// <summary>
    /// As <see cref="Validate"/>, each problem naming the field it is about, so a form can show it beside that field;
    /// times in the clinic's <paramref name="clock"/> style ("7:30 AM" or "07:30"), the default one when not given.
    /// </summary>
    public IReadOnlyList<DayTemplateProblem> Problems(ClockStyle? clock = null)
    {
        clock ??= ClockStyle.Default;
        var problems = StructuralProblems(clock).ToList();
        if (problems.Count == 0 && !Fits(FirstStart.ToTimeSpan()))
        {
            problems.Add(new(
                DayTemplateField.UnitCloses,
                $"No slot fits: {clock.Format(FirstStart)} plus {SlotPolicy.ProcedureLengthMinutes} minutes and " +
                $"{Recovery:h\\:mm} recovery ends after the unit closes at {clock.Format(UnitCloses)}."));
        }
        return problems;
    }

    /// <summary>
    /// Wall-clock start times for this weekday: the first start, then one every
    /// <see cref="StartInterval"/>, as long as procedure and recovery end by closing.
    /// </summary>
    public IEnumerable<TimeOnly> LocalStarts()
    {
        var problems = StructuralProblems(ClockStyle.Default).ToList();
        if (problems.Count > 0)
        {
            // Templates are validated when saved, so reaching here is a bug, not user input.
            throw new InvalidOperationException($"Invalid day template: {string.Join(" ", problems.Select(p => p.Message))}");
        }

        // TimeSpan arithmetic rather than TimeOnly.Add, which would silently wrap past midnight.
        for (var start = FirstStart.ToTimeSpan(); Fits(start); start += StartInterval)
        {
            yield return TimeOnly.FromTimeSpan(start);
        }
    }

    private bool Fits(TimeSpan start) =>
        start + SlotPolicy.ProcedureLength + Recovery <= UnitCloses.ToTimeSpan();

    private IEnumerable<DayTemplateProblem> StructuralProblems(ClockStyle clock)
    {
        if (!Enum.IsDefined(Weekday))
        {
            yield return new(DayTemplateField.Weekday, "Weekday is not a day of the week.");
        }
        if (UnitCloses <= FirstStart)
        {
            yield return new(DayTemplateField.UnitCloses, $"The unit must close after the first start ({clock.Format(FirstStart)}).");
        }
        if (TurnoverMinutes < 0 || TurnoverMinutes > SlotPolicy.MaxTurnoverMinutes)
        {
            yield return new(DayTemplateField.Turnover, $"Turnover must be between 0 and {SlotPolicy.MaxTurnoverMinutes} minutes.");
        }
        if (Recovery < TimeSpan.Zero || Recovery > SlotPolicy.MaxRecovery)
        {
            yield return new(DayTemplateField.Recovery, $"Recovery must be between 0 and {SlotPolicy.MaxRecovery.TotalHours:0} hours.");
        }
    }
}

/// <summary>The part of a day template a problem is about.</summary>
public enum DayTemplateField
{
    Weekday,
    FirstStart,
    Turnover,
    Recovery,
    UnitCloses,
}

public sealed record DayTemplateProblem(DayTemplateField Field, string Message);
