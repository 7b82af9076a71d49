using FluentValidation;

using Mediator;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Common.Security;

namespace Scheduling.Application.Features.Accounts;

/// <summary>Replaces an account's roles; the open sessions pick the change up (security stamp). The last active admin keeps Admin.</summary>
public static class ChangeAccountRoles
{
    public sealed record Command(string UserId, IReadOnlyList<string>? Roles) : ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Roles).ValidRoles();
    }

    public sealed class Handler(IApplicationDbContext db, IAccounts accounts, IAuditLog audit) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (await accounts.FindAsync(command.UserId, cancellationToken) is not { } account)
            {
                return Error.NotFound("That account does not exist.");
            }

            var roles = command.Roles!.Distinct().ToList();
            if (await AccountRules.GuardLastAdminAsync(accounts, account, roles.Contains(Roles.Admin), cancellationToken) is { } refused)
            {
                return refused;
            }

            await accounts.SetRolesAsync(account.UserId, roles, cancellationToken);
            if (await AccountRules.RecheckAdminsRemainAsync(accounts, cancellationToken) is { } raced)
            {
                return raced;
            }

            audit.Record("AccountRolesChanged", "User", AccountLinks.AuditId(account.UserId),
                $"Roles: {string.Join(", ", roles)} (were: {string.Join(", ", account.Roles)})");
            await db.SaveChangesAsync(cancellationToken);
            return Result.Success();
        }
    }
}
