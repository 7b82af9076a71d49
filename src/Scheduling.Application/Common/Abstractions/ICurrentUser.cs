namespace Scheduling.Application.Common.Abstractions;

/// <summary>Who is acting: a signed-in user, a patient link, or the system (background jobs).</summary>
public interface ICurrentUser
{
    string? UserId { get; }

    string? UserName { get; }

    bool IsInRole(string role);

    /// <summary>Remote address of the request, for the audit trail; null for background work.</summary>
    string? ClientAddress { get; }
}
