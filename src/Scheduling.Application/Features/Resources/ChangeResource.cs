using FluentValidation;

using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Capacity;

namespace Scheduling.Application.Features.Resources;

/// <summary>
/// Renames a recovery unit, physician or nurse, changes a unit's number of bays, links or unlinks a
/// staff account, or takes it out of use (or back). Fewer bays than patients already booked into
/// recovery at once, or a resource taken out of use, lists the bookings it hits; none is cancelled.
/// </summary>
public static class ChangeResource
{
    public sealed record Command(Guid ResourceId, string? Name, int? Bays, string? UserId, bool InUse) : ICommand<Result<IReadOnlyList<BookingHit>>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name)
                .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter a name.")
                .MaximumLength(Resource.NameMaxLength).WithMessage($"The name can be at most {Resource.NameMaxLength} characters.");
            RuleFor(c => c.Bays)
                .Must(b => b is null || b is >= 1 and <= Resource.MaxCapacity)
                .WithMessage($"Enter the number of bays, from 1 to {Resource.MaxCapacity}.");
        }
    }

    public sealed class Handler(IApplicationDbContext db, IAccounts accounts, IDatabaseErrors databaseErrors, ICurrentUser user, TimeProvider clock)
        : ICommandHandler<Command, Result<IReadOnlyList<BookingHit>>>
    {
        public async ValueTask<Result<IReadOnlyList<BookingHit>>> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!ResourceAccess.IsAdmin(user))
            {
                return Error.NotFound();
            }

            var resource = await db.Resources.SingleOrDefaultAsync(r => r.Id == command.ResourceId && r.Kind != ResourceKind.Room, cancellationToken);
            if (resource is null)
            {
                return Error.NotFound("This resource was not found.");
            }

            if (Resource.HasBays(resource.Kind) && command.Bays is null)
            {
                return Error.Validation(nameof(Command.Bays), $"Enter the number of bays, from 1 to {Resource.MaxCapacity}.");
            }

            if (await ResourceAccounts.ProblemAsync(db, accounts, resource.Kind, command.UserId, resource.Id, cancellationToken) is { } accountProblem)
            {
                return Error.Validation(nameof(Command.UserId), accountProblem);
            }

            var normalized = Resource.Normalize(command.Name!);
            if (await db.Resources.AnyAsync(r => r.Kind == resource.Kind && r.NormalizedName == normalized && r.Id != resource.Id, cancellationToken))
            {
                return Error.Conflict("There is already one of these with this name.", nameof(Command.Name));
            }

            resource.Rename(command.Name!);
            resource.ChangeCapacity(Resource.HasBays(resource.Kind) ? command.Bays!.Value : 1);
            resource.LinkAccount(command.UserId);
            if (command.InUse)
            {
                resource.Reactivate();
            }
            else
            {
                resource.Deactivate();
            }

            if (await db.SaveOrConflictAsync(databaseErrors.Duplicate(Error.Conflict("There is already one of these with this name.", nameof(Command.Name))), cancellationToken) is { } conflict)
            {
                return conflict;
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var hits = await ResourceConflicts.BookingsHitAsync(
                db, resource.Id, ResourceConflicts.FromNow(now), resource.IsActive ? resource.Capacity : 0, now, cancellationToken);
            return Result<IReadOnlyList<BookingHit>>.Success(hits);
        }
    }
}
