using FluentValidation;

using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Rooms;

namespace Scheduling.Application.Features.Rooms;

public static class AddRoom
{
    public sealed record Command(string? Name, string? Location) : ICommand<Result<Guid>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name)
                .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter the room's name.")
                .MaximumLength(Room.NameMaxLength).WithMessage($"The name can be at most {Room.NameMaxLength} characters.");
            RuleFor(c => c.Location)
                .MaximumLength(Room.LocationMaxLength).WithMessage($"The location can be at most {Room.LocationMaxLength} characters.");
        }
    }

    public sealed class Handler(IApplicationDbContext db, IDatabaseErrors databaseErrors, TimeProvider clock)
        : ICommandHandler<Command, Result<Guid>>
    {
        private const string DuplicateMessage = "A room with this name already exists.";

        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            var normalized = Room.Normalize(command.Name!);

            // Friendly early answer; the unique index below is what actually guarantees it.
            if (await db.Rooms.AnyAsync(r => r.NormalizedName == normalized, cancellationToken))
            {
                return Error.Conflict(DuplicateMessage, nameof(Command.Name));
            }

            var room = Room.Create(command.Name!, command.Location, clock.GetUtcNow().UtcDateTime);
            db.Rooms.Add(room);
            if (await db.SaveOrConflictAsync(databaseErrors.Duplicate(Error.Conflict(DuplicateMessage, nameof(Command.Name))), cancellationToken) is { } duplicate)
            {
                return duplicate;
            }

            return room.Id;
        }
    }
}
