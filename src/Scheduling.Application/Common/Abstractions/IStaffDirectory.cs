namespace Scheduling.Application.Common.Abstractions;

public sealed record StaffContact(string Email, string DisplayName);

/// <summary>
/// Contact details of staff and referring-doctor accounts (kept by Identity, outside the
/// application's tables), for messages addressed to them.
/// </summary>
public interface IStaffDirectory
{
    /// <returns>Null when the account no longer exists or has no email address.</returns>
    Task<StaffContact?> FindAsync(string userId, CancellationToken cancellationToken);
}