using Mediator;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;

namespace Scheduling.Application.Features.Accounts;

public static class GetAccount
{
    public sealed record Query(string UserId) : IQuery<Result<AccountInfo>>;

    public sealed class Handler(IAccounts accounts) : IQueryHandler<Query, Result<AccountInfo>>
    {
        public async ValueTask<Result<AccountInfo>> Handle(Query query, CancellationToken cancellationToken) =>
            await accounts.FindAsync(query.UserId, cancellationToken) is { } account ? account : Error.NotFound("That account does not exist.");
    }
}
