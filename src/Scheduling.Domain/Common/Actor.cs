namespace Scheduling.Domain.Common;

/// <summary>
/// Who did something, as a timeline shows it: the person's full name, with the id of their account
/// kept beside it, so the line stays tied to the account whatever the name. The system and the
/// patient (through their link) are no actor: null. A bare name (the practice seeder, a test)
/// converts implicitly and has no account id.
/// </summary>
public sealed record Actor(string Name, string? UserId = null)
{
    public static implicit operator Actor(string name) => FromName(name);

    public static Actor FromName(string name) => new(name);
}
