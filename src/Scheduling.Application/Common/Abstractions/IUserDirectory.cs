using Scheduling.Domain.Common;

namespace Scheduling.Application.Common.Abstractions;

/// <summary>Who a user is, for display (timelines) and for prefilling forms (a doctor's practice).</summary>
public interface IUserDirectory
{
    Task<UserProfile?> FindAsync(string userId, CancellationToken cancellationToken);

    /// <summary>The account signed in as <paramref name="userName"/> (its email), for records that keep the sign-in name.</summary>
    Task<UserProfile?> FindByUserNameAsync(string userName, CancellationToken cancellationToken);
}

public static class UserDirectoryExtensions
{
    /// <summary>Shown for someone acting without an account name (should not happen for a signed-in user).</summary>
    public const string UnknownUser = "unknown user";

    /// <summary>
    /// Who is acting, for a timeline: the account's full name (its email when it has none), with the
    /// account id. Every use case that writes a timeline line names its actor through this.
    /// </summary>
    public static async Task<Actor> ActorAsync(this IUserDirectory directory, ICurrentUser user, CancellationToken cancellationToken)
    {
        var profile = user.UserId is null ? null : await directory.FindAsync(user.UserId, cancellationToken);
        return new Actor(profile?.DisplayName ?? user.UserName ?? UnknownUser, user.UserId);
    }

    /// <summary>The full name of the account signed in as <paramref name="userName"/>, or the name itself when no account has it.</summary>
    public static async Task<string> DisplayNameOfAsync(this IUserDirectory directory, string userName, CancellationToken cancellationToken) =>
        (await directory.FindByUserNameAsync(userName, cancellationToken))?.DisplayName ?? userName;
}

public sealed record UserProfile(string UserId, string FullName, string? Email, string? PracticeName, string? PracticePhone)
{
    public string DisplayName => string.IsNullOrWhiteSpace(FullName) ? Email ?? UserId : FullName;
}
