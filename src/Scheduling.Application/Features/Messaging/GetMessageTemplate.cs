using Mediator;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;

namespace Scheduling.Application.Features.Messaging;

public static class GetMessageTemplate
{
    public sealed record Query(string Kind) : IQuery<Result<EffectiveTemplate>>;

    public sealed class Handler(IApplicationDbContext db) : IQueryHandler<Query, Result<EffectiveTemplate>>
    {
        public async ValueTask<Result<EffectiveTemplate>> Handle(Query query, CancellationToken cancellationToken) =>
            await EffectiveTemplates.GetAsync(db, query.Kind, cancellationToken) is { } template
                ? template
                : Error.NotFound("There is no such message kind.");
    }
}
