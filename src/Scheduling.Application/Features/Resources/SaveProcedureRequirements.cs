using FluentValidation;

using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Capacity;

namespace Scheduling.Application.Features.Resources;

/// <summary>
/// The TACE template: whether a case needs the performing IR physician, a sedation nurse and a
/// recovery bay, and for how long the bay is held after the procedure. Applies to bookings made from
/// now on; those made before keep what they claimed.
/// </summary>
public static class SaveProcedureRequirements
{
    public sealed record Command(bool Physician, bool SedationNurse, bool RecoveryBay, int? RecoveryMinutes) : ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RecoveryMinutes)
                .Must(m => m is not null && ProcedureRequirements.RecoveryProblem(m.Value) is null)
                .WithMessage(c => ProcedureRequirements.RecoveryProblem(c.RecoveryMinutes ?? 0) ?? "Enter the recovery time in minutes.");
        }
    }

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IDatabaseErrors databaseErrors, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!ResourceAccess.IsAdmin(user))
            {
                return Error.NotFound();
            }

            var template = await db.ProcedureRequirements.SingleOrDefaultAsync(r => r.Id == ProcedureRequirements.TheId, cancellationToken);
            if (template is null)
            {
                template = ProcedureRequirements.Defaults();
                db.ProcedureRequirements.Add(template);
            }

            template.Change(
                command.Physician, command.SedationNurse, command.RecoveryBay, command.RecoveryMinutes!.Value,
                user.UserName ?? user.UserId ?? "system", clock.GetUtcNow().UtcDateTime);
            if (await db.SaveOrConflictAsync(databaseErrors.Duplicate(Error.Conflict("Someone saved the template at the same moment; look at it and save again.")), cancellationToken) is { } conflict)
            {
                return conflict;
            }

            return Result.Success();
        }
    }
}
