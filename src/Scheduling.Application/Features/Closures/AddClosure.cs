using FluentValidation;

using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Availability;
using Scheduling.Domain.Common;
using Scheduling.Domain.Slots;

namespace Scheduling.Application.Features.Closures;

/// <summary>
/// Closes the whole clinic (no room) or one room on a range of clinic-local dates. In the same
/// transaction free slots on those days are removed and booked ones withdrawn: the booking stays and
/// is listed for a scheduler to move (see <see cref="GetClosure"/>).
/// </summary>
public static class AddClosure
{
    public sealed record Command(Guid? RoomId, DateOnly? From, DateOnly? To, string? Reason) : ICommand<Result<Guid>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.From).NotNull().WithMessage("Enter the first closed day.");
            RuleFor(c => c.To).NotNull().WithMessage("Enter the last closed day.");
            RuleFor(c => c.Reason)
                .MaximumLength(Closure.ReasonMaxLength).WithMessage($"The reason can be at most {Closure.ReasonMaxLength} characters.");
        }
    }

    public sealed class Handler(
        IApplicationDbContext db,
        SlotMaterializer materializer,
        ICurrentUser currentUser,
        ClinicTime clinicTime,
        TimeProvider clock)
        : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            var window = new ClosureWindow(command.RoomId, command.From!.Value, command.To!.Value, command.Reason ?? string.Empty);
            var problems = window.Problems()
                .GroupBy(p => p.Field == ClosureField.To ? nameof(Command.To) : nameof(Command.Reason))
                .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
            if (problems.Count > 0)
            {
                return Error.Validation(problems);
            }

            if (window.To < clinicTime.Today(clock))
            {
                return Error.Validation(nameof(Command.To), "The closure ends before today; past days need no closure.");
            }

            if (command.RoomId is { } roomId && !await db.Rooms.AnyAsync(r => r.Id == roomId, cancellationToken))
            {
                return Error.Validation(nameof(Command.RoomId), "Choose a room from the list, or the whole clinic.");
            }

            var createdBy = currentUser.UserName ?? currentUser.UserId ?? "system";
            var closure = Closure.Create(window, createdBy, clock.GetUtcNow().UtcDateTime);
            db.Closures.Add(closure);
            await db.SaveChangesAsync(cancellationToken);
            await materializer.RunAsync("closure added", closure.RoomId, cancellationToken);
            return closure.Id;
        }
    }
}
