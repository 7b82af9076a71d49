using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Availability;

namespace Scheduling.Application.Features.Closures;

/// <summary>Reopens the closed days: their slots come back and withdrawn booked slots are restored.</summary>
public static class RemoveClosure
{
    public sealed record Command(Guid ClosureId) : ICommand<Result<MaterializationSummary>>;

    public sealed class Handler(IApplicationDbContext db, SlotMaterializer materializer)
        : ICommandHandler<Command, Result<MaterializationSummary>>
    {
        public async ValueTask<Result<MaterializationSummary>> Handle(Command command, CancellationToken cancellationToken)
        {
            var closure = await db.Closures.SingleOrDefaultAsync(c => c.Id == command.ClosureId, cancellationToken);
            if (closure is null)
            {
                return Error.NotFound("That closure does not exist.");
            }

            db.Closures.Remove(closure);
            await db.SaveChangesAsync(cancellationToken);
            return await materializer.RunAsync("closure removed", closure.RoomId, cancellationToken);
        }
    }
}
