using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Messaging;

namespace Scheduling.Application.Features.Messaging;

/// <summary>Goes back to the built-in text for a message kind.</summary>
public static class ResetMessageTemplate
{
    public sealed record Command(string Kind) : ICommand<Result>;

    public sealed class Handler(IApplicationDbContext db) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (MessageKinds.Find(command.Kind) is null)
            {
                return Error.NotFound("There is no such message kind.");
            }

            var existing = await db.MessageTemplates.SingleOrDefaultAsync(t => t.Kind == command.Kind, cancellationToken);
            if (existing is not null)
            {
                db.MessageTemplates.Remove(existing);
                await db.SaveChangesAsync(cancellationToken);
            }

            return Result.Success();
        }
    }
}
