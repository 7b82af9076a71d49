using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Availability;

namespace Scheduling.Application.Features.Rooms;

/// <summary>
/// Deactivates a room (no new slots or bookings) or brings it back into service. Its slots are
/// rematerialized in the same transaction: free future slots go, booked ones are withdrawn and listed
/// for a scheduler to move, and reactivation brings them back.
/// </summary>
public static class SetRoomActive
{
    public sealed record Command(Guid RoomId, bool Active) : ICommand<Result>;

    public sealed class Handler(IApplicationDbContext db, SlotMaterializer materializer) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var room = await db.Rooms.SingleOrDefaultAsync(r => r.Id == command.RoomId, cancellationToken);
            if (room is null)
            {
                return Error.NotFound("That room does not exist.");
            }

            if (command.Active)
            {
                room.Reactivate();
            }
            else
            {
                room.Deactivate();
            }

            await db.SaveChangesAsync(cancellationToken);
            await materializer.RunAsync(command.Active ? "room reactivated" : "room deactivated", room.Id, cancellationToken);
            return Result.Success();
        }
    }
}
