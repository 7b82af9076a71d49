using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;

namespace Scheduling.Application.Features.Resources;

/// <summary>Removes one entered unavailability (one week of a repeat); its time is offered again at once.</summary>
public static class RemoveUnavailability
{
    public sealed record Command(Guid UnavailabilityId) : ICommand<Result<Guid>>;

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user) : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            var away = await db.Unavailabilities.SingleOrDefaultAsync(u => u.Id == command.UnavailabilityId, cancellationToken);
            if (away is null || await ResourceAccess.FindForAvailabilityAsync(db, user, away.ResourceId, cancellationToken) is null)
            {
                return Error.NotFound("This entry was not found.");
            }

            db.Unavailabilities.Remove(away);
            await db.SaveChangesAsync(cancellationToken);
            return away.ResourceId;
        }
    }
}
