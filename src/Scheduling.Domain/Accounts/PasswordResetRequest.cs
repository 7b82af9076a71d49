namespace Scheduling.Domain.Accounts;

/// <summary>
/// A "forgot password" as it was asked, waiting for the background job that looks the address up and
/// sends a link if it has an account. Writing this row is all the request itself does, for every
/// address alike, so its answer takes the same time whether or not the address has an account. The
/// row is deleted when it has been handled.
/// </summary>
public sealed class PasswordResetRequest
{
    public const int EmailMaxLength = 256;

    /// <summary>Requests older than this that no job has handled (a crash between commit and enqueue) are picked up by the sweep.</summary>
    public static readonly TimeSpan SweptAfter = TimeSpan.FromMinutes(1);

    private PasswordResetRequest()
    {
        Email = string.Empty;
    }

    public Guid Id { get; private init; }

    public string Email { get; private init; }

    public DateTime RequestedAtUtc { get; private init; }

    public static PasswordResetRequest Ask(string email, DateTime nowUtc) =>
        new() { Id = Guid.NewGuid(), Email = email.Trim(), RequestedAtUtc = nowUtc };
}
