using Mediator;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Accounts;

namespace Scheduling.Application.Features.Accounts;

/// <summary>What the page behind an account link shows. Reading it changes nothing (mail scanners open links).</summary>
public static class OpenAccountLink
{
    public sealed record Query(string? Token) : IQuery<Result<View>>;

    public sealed record View(AccountLinkPurpose Purpose, string FullName, string Email);

    public sealed class Handler(IApplicationDbContext db, IAccounts accounts, TimeProvider clock) : IQueryHandler<Query, Result<View>>
    {
        public async ValueTask<Result<View>> Handle(Query query, CancellationToken cancellationToken)
        {
            var link = await AccountLinks.OpenAsync(db, query.Token, clock.GetUtcNow().UtcDateTime, cancellationToken);
            if (link is null || await accounts.FindAsync(link.UserId, cancellationToken) is not { Status: not AccountStatus.Deactivated } account)
            {
                return Error.NotFound("This link cannot be used.");
            }

            return new View(link.Purpose, account.FullName, account.Email);
        }
    }
}
