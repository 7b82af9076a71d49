namespace Scheduling.Domain.Slots;

/// <summary>
/// Days on which slots do not exist: a holiday for the whole clinic (<see cref="RoomId"/> null),
/// or room maintenance / physician away for one room. Dates are clinic local and inclusive,
/// because that is how staff state them ("closed 24 to 26 December").
/// </summary>
public sealed record ClosureWindow(Guid? RoomId, DateOnly From, DateOnly To, string Reason)
{
    public bool IsWholeClinic => RoomId is null;

    public bool Covers(Guid roomId, DateOnly localDate) =>
        (RoomId is null || RoomId == roomId) && localDate >= From && localDate <= To;

    public IReadOnlyList<string> Validate() => Problems().Select(p => p.Message).ToList();

    /// <summary>As <see cref="Validate"/>, each problem naming the field it is about.</summary>
    public IReadOnlyList<ClosureProblem> Problems()
    {
        var problems = new List<ClosureProblem>();
        if (To < From)
        {
            problems.Add(new(ClosureField.To, $"The closure must end on or after its first day ({From:yyyy-MM-dd})."));
        }
        if (string.IsNullOrWhiteSpace(Reason))
        {
            problems.Add(new(ClosureField.Reason, "A closure needs a reason, so schedulers can tell patients why their slot moved."));
        }
        return problems;
    }
}

public enum ClosureField
{
    To,
    Reason,
}

public sealed record ClosureProblem(ClosureField Field, string Message);
