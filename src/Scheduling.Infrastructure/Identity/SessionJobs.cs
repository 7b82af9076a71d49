using Hangfire;

using Microsoft.EntityFrameworkCore;

using Scheduling.Infrastructure.Persistence;

namespace Scheduling.Infrastructure.Identity;

/// <summary>
/// Deletes session rows a month after they could last have been used. Their start and end are in
/// the audit log; the rows themselves (with the serialized sign-in) are of no further use.
/// </summary>
public sealed class SessionJobs(ApplicationDbContext db, TimeProvider clock)
{
    public const string PurgeJobId = "purge-sessions";

    public static readonly TimeSpan KeptAfterExpiry = TimeSpan.FromDays(30);

    [AutomaticRetry(Attempts = 2)]
    public async Task Purge(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - KeptAfterExpiry;
        await db.UserSessions.Where(s => s.ExpiresAtUtc < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
