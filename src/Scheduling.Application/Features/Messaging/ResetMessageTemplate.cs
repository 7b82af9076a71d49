using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Messaging;

namespace Scheduling.Application.Features.Messaging;

/// <summary>Goes back to the built-in text for a message kind in one language.</summary>
public static class ResetMessageTemplate
{
    public sealed record Command(string Kind, string Language = PatientLanguages.English) : ICommand<Result>;

    public sealed class Handler(IApplicationDbContext db, IAuditLog audit) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!TemplateLanguages.IsOffered(command.Kind, command.Language))
            {
                return Error.NotFound("There is no such message kind in this language.");
            }

            var existing = await db.MessageTemplates.SingleOrDefaultAsync(t => t.Kind == command.Kind && t.Language == command.Language, cancellationToken);
            if (existing is not null)
            {
                db.MessageTemplates.Remove(existing);
                audit.Record("MessageTemplateReset", nameof(MessageTemplate), existing.Id, $"{command.Kind} ({command.Language})");
                await db.SaveChangesAsync(cancellationToken);
            }

            return Result.Success();
        }
    }
}
