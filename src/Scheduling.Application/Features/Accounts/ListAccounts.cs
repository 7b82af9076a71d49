using Mediator;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;

namespace Scheduling.Application.Features.Accounts;

public static class ListAccounts
{
    public sealed record Query(string? Role, AccountStatus? Status) : IQuery<Result<IReadOnlyList<AccountInfo>>>;

    public sealed class Handler(IAccounts accounts) : IQueryHandler<Query, Result<IReadOnlyList<AccountInfo>>>
    {
        public async ValueTask<Result<IReadOnlyList<AccountInfo>>> Handle(Query query, CancellationToken cancellationToken)
        {
            var all = await accounts.ListAsync(cancellationToken);
            return all
                .Where(a => string.IsNullOrEmpty(query.Role) || a.Roles.Contains(query.Role))
                .Where(a => query.Status is null || a.Status == query.Status)
                .ToList();
        }
    }
}
