using FluentValidation;

using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Capacity;

namespace Scheduling.Application.Features.Resources;

/// <summary>
/// Adds a recovery unit (with its number of bays), an IR physician or a sedation nurse, available
/// Monday to Friday 07:00–19:00 until the admin changes its hours. A physician or nurse may be linked
/// to their staff account so they can enter their own leave.
/// </summary>
public static class AddResource
{
    public sealed record Command(ResourceKind? Kind, string? Name, int? Bays, string? UserId) : ICommand<Result<Guid>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Kind)
                .Must(k => k is ResourceKind.RecoveryUnit or ResourceKind.Physician or ResourceKind.SedationNurse)
                .WithMessage("Choose a recovery unit, an IR physician or a sedation nurse.");
            RuleFor(c => c.Name)
                .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter a name.")
                .MaximumLength(Resource.NameMaxLength).WithMessage($"The name can be at most {Resource.NameMaxLength} characters.");
            RuleFor(c => c.Bays)
                .Must(b => b is >= 1 and <= Resource.MaxCapacity)
                .When(c => c.Kind == ResourceKind.RecoveryUnit)
                .WithMessage($"Enter the number of bays, from 1 to {Resource.MaxCapacity}.");
        }
    }

    public sealed class Handler(IApplicationDbContext db, IAccounts accounts, IDatabaseErrors databaseErrors, ICurrentUser user, TimeProvider clock)
        : ICommandHandler<Command, Result<Guid>>
    {
        private const string DuplicateMessage = "There is already one of these with this name.";

        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!ResourceAccess.IsAdmin(user))
            {
                return Error.NotFound();
            }

            var kind = command.Kind!.Value;
            if (await ResourceAccounts.ProblemAsync(db, accounts, kind, command.UserId, null, cancellationToken) is { } accountProblem)
            {
                return Error.Validation(nameof(Command.UserId), accountProblem);
            }

            var normalized = Resource.Normalize(command.Name!);
            if (await db.Resources.AnyAsync(r => r.Kind == kind && r.NormalizedName == normalized, cancellationToken))
            {
                return Error.Conflict(DuplicateMessage, nameof(Command.Name));
            }

            var resource = Resource.Create(kind, command.Name!, Resource.HasBays(kind) ? command.Bays!.Value : 1, command.UserId, clock.GetUtcNow().UtcDateTime);
            db.Resources.Add(resource);
            db.WeeklyHours.AddRange(WeeklyHours.Defaults().Select(h => WeeklyHours.Create(resource.Id, h)));
            if (await db.SaveOrConflictAsync(databaseErrors.Duplicate(Error.Conflict(DuplicateMessage, nameof(Command.Name))), cancellationToken) is { } duplicate)
            {
                return duplicate;
            }

            return resource.Id;
        }
    }
}
