using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Common;

namespace Scheduling.Application.Features.Accounts;

/// <summary>The signed-in user's own sessions that can still be used, newest first, in clinic time.</summary>
public static class ListMySessions
{
    public sealed record Query(Guid? CurrentSessionId) : IQuery<Result<IReadOnlyList<Row>>>;

    public sealed record Row(
        Guid Id,
        DateTime CreatedAtLocal,
        string CreatedZoneLabel,
        DateTime LastSeenAtLocal,
        string LastSeenZoneLabel,
        string Device,
        string? ClientAddress,
        bool IsCurrent);

    public sealed class Handler(IApplicationDbContext db, ICurrentUser currentUser, ClinicTime clinicTime, TimeProvider clock)
        : IQueryHandler<Query, Result<IReadOnlyList<Row>>>
    {
        public async ValueTask<Result<IReadOnlyList<Row>>> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = currentUser.UserId ?? throw new InvalidOperationException("Sessions are listed for a signed-in user.");
            var now = clock.GetUtcNow().UtcDateTime;
            var sessions = await db.UserSessions.AsNoTracking()
                .Where(s => s.UserId == userId && s.EndedAtUtc == null && s.ExpiresAtUtc > now && s.IdleExpiresAtUtc > now)
                .OrderByDescending(s => s.CreatedAtUtc)
                .Select(s => new { s.Id, s.CreatedAtUtc, s.LastSeenAtUtc, s.Device, s.ClientAddress })
                .ToListAsync(cancellationToken);
            return sessions
                .Select(s => new Row(
                    s.Id,
                    clinicTime.ToLocal(s.CreatedAtUtc),
                    ClinicTimeLabel.For(clinicTime, s.CreatedAtUtc),
                    clinicTime.ToLocal(s.LastSeenAtUtc),
                    ClinicTimeLabel.For(clinicTime, s.LastSeenAtUtc),
                    s.Device ?? "Unknown device",
                    s.ClientAddress,
                    s.Id == query.CurrentSessionId))
                .ToList();
        }
    }
}
