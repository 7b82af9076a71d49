using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Capacity;

namespace Scheduling.Application.Features.Resources;

/// <summary>
/// One resource's page: its weekly hours and the unavailability still to come. An admin opens any;
/// a physician or nurse opens their own (<see cref="Query.Mine"/>: the one linked to their account).
/// </summary>
public static class GetResource
{
    /// <param name="Mine">Open the resource linked to the signed-in account instead of <paramref name="ResourceId"/>.</param>
    public sealed record Query(Guid? ResourceId, bool Mine = false) : IQuery<Result<Page>>;

    public sealed record Page(
        Guid Id, ResourceKind Kind, string Name, int Bays, bool IsActive, string? UserId, bool IsAdmin,
        IReadOnlyList<WeeklyWindow> Hours, IReadOnlyList<Away> Upcoming);

    public sealed record Away(Guid Id, DateTime StartUtc, DateTime EndUtc, UnavailabilityKind Kind, string? Note, bool Repeats, string CreatedBy);

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : IQueryHandler<Query, Result<Page>>
    {
        public async ValueTask<Result<Page>> Handle(Query query, CancellationToken cancellationToken)
        {
            Guid? id = query.ResourceId;
            if (query.Mine)
            {
                id = user.UserId is { } me
                    ? await db.Resources.AsNoTracking().Where(r => r.UserId == me).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken)
                    : null;
                if (id is null)
                {
                    return Error.NotFound("Your account is not linked to an IR physician or nurse yet; an admin links it on the capacity page.");
                }
            }

            var resource = id is { } resourceId ? await ResourceAccess.FindForAvailabilityAsync(db, user, resourceId, cancellationToken) : null;
            if (resource is null)
            {
                return Error.NotFound("This resource was not found.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var hours = await db.WeeklyHours.AsNoTracking().Where(h => h.ResourceId == resource.Id).ToListAsync(cancellationToken);
            var upcoming = await db.Unavailabilities.AsNoTracking()
                .Where(u => u.ResourceId == resource.Id && u.EndUtc > now)
                .OrderBy(u => u.StartUtc)
                .Take(200)
                .Select(u => new Away(u.Id, u.StartUtc, u.EndUtc, u.Kind, u.Note, u.SeriesId != null, u.CreatedBy))
                .ToListAsync(cancellationToken);
            return new Page(
                resource.Id, resource.Kind, resource.Name, resource.Capacity, resource.IsActive, resource.UserId, ResourceAccess.IsAdmin(user),
                hours.Select(h => h.ToWindow()).OrderBy(h => ((int)h.Weekday + 6) % 7).ToList(),
                upcoming);
        }
    }
}
