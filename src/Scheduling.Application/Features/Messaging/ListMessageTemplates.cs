using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Messaging;

namespace Scheduling.Application.Features.Messaging;

public static class ListMessageTemplates
{
    public sealed record Query : IQuery<Result<IReadOnlyList<Row>>>;

    public sealed record Row(string Kind, MessageAudience Audience, string Subject, bool IsCustomized, DateTime? UpdatedAtUtc);

    public sealed class Handler(IApplicationDbContext db) : IQueryHandler<Query, Result<IReadOnlyList<Row>>>
    {
        public async ValueTask<Result<IReadOnlyList<Row>>> Handle(Query query, CancellationToken cancellationToken)
        {
            var custom = await db.MessageTemplates.AsNoTracking().ToDictionaryAsync(t => t.Kind, cancellationToken);
            var rows = MessageKinds.All
                .Select(k => custom.TryGetValue(k.Kind, out var t)
                    ? new Row(k.Kind, k.Audience, t.Subject, true, t.UpdatedAtUtc)
                    : new Row(k.Kind, k.Audience, k.DefaultSubject, false, null))
                .ToList();
            return rows;
        }
    }
}
