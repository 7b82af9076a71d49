using Mediator;

using Scheduling.Application.Common.Abstractions;

namespace Scheduling.Application.Common.Behaviours;

/// <summary>
/// Audits what a query showed: one line per page view with every record on it, written before the
/// page is returned (a view that cannot be audited fails). The handler only says what it shows
/// (<see cref="IAuditLog.RecordView"/>); it never saves, so a read never opens a write of its own.
/// </summary>
public sealed class AuditedViewBehaviour<TMessage, TResponse>(IAuditLog auditLog)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IAuditedQuery, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        auditLog.BeginPageView();
        var response = await next(message, cancellationToken);
        await auditLog.CompletePageViewAsync(cancellationToken);
        return response;
    }
}
