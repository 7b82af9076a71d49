using FluentValidation;

using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Accounts;
using Scheduling.Domain.Messaging;

namespace Scheduling.Application.Features.Accounts;

public static class DeclineAccessRequest
{
    public sealed record Command(Guid RequestId, string? Reason) : ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Reason)
                .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Give the reason: it is emailed to the doctor.")
                .MaximumLength(AccessRequest.ReasonMaxLength).WithMessage($"The reason can be at most {AccessRequest.ReasonMaxLength} characters.");
    }

    public sealed class Handler(IApplicationDbContext db, IOutbox outbox, IAuditLog audit, ICurrentUser currentUser, TimeProvider clock)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await db.AccessRequests.SingleOrDefaultAsync(r => r.Id == command.RequestId, cancellationToken);
            if (request is null)
            {
                return Error.NotFound("That access request does not exist.");
            }

            if (!request.IsPending)
            {
                return Error.Conflict("This request has already been decided.");
            }

            request.Decline(command.Reason!, currentUser.UserId ?? "unknown", clock.GetUtcNow().UtcDateTime);
            outbox.Enqueue(MessageKinds.AccessDeclined, request.Id, 0);
            audit.Record("AccessRequestDeclined", "AccessRequest", request.Id);
            await db.SaveChangesAsync(cancellationToken);
            return Result.Success();
        }
    }
}
