using System.Text.RegularExpressions;

using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Messaging;

namespace Scheduling.Application.Features.Messaging;

/// <summary>
/// The provider's delivery receipt for a text (its status callback, signature already checked). A text
/// the carrier could not deliver goes on "needs attention" with the other failed messages. A receipt
/// for another send of the same row (one resent after a crash) or for an unknown row changes nothing.
/// </summary>
public static partial class RecordTextDelivery
{
    public sealed record Command(Guid OutboxMessageId, string? ProviderMessageId, string? Status, string? ErrorCode) : ICommand<Result>;

    public sealed class Handler(IApplicationDbContext db, IAuditLog audit) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == command.OutboxMessageId, cancellationToken);
            if (message is null || message.Channel != MessageChannel.Sms)
            {
                return Error.NotFound();
            }

            if (message.SentMessageId != command.ProviderMessageId || command.Status is not { } status || !StatusWord().IsMatch(status))
            {
                return Result.Success();
            }

            var wasSent = message.Status == OutboxStatus.Sent;
            var code = command.ErrorCode is { } e && ErrorCodeWord().IsMatch(e) ? e : null;
            message.RecordDelivery(status, code);
            if (wasSent && message.Status == OutboxStatus.Failed)
            {
                audit.Record("TextUndelivered", nameof(OutboxMessage), message.Id, message.LastError);
            }

            await db.SaveChangesAsync(cancellationToken);
            return Result.Success();
        }
    }

    [GeneratedRegex("^[a-z_-]{1,20}$")]
    private static partial Regex StatusWord();

    [GeneratedRegex("^[0-9]{1,10}$")]
    private static partial Regex ErrorCodeWord();
}
