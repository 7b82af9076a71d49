namespace Scheduling.Application.Common.Abstractions;

/// <summary>Who a user is, for display (timelines) and for prefilling forms (a doctor's practice).</summary>
public interface IUserDirectory
{
    Task<UserProfile?> FindAsync(string userId, CancellationToken cancellationToken);
}

public sealed record UserProfile(string UserId, string FullName, string? Email, string? PracticeName, string? PracticePhone)
{
    public string DisplayName => string.IsNullOrWhiteSpace(FullName) ? Email ?? UserId : FullName;
}
