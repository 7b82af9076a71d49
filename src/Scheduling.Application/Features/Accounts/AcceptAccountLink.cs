using FluentValidation;

using Mediator;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Accounts;

namespace Scheduling.Application.Features.Accounts;

/// <summary>
/// The holder of an invitation or reset link chooses a password. The link is used up in the same
/// transaction; a refused password leaves it usable. An unusable link (unknown, used, revoked,
/// expired, account deactivated) gets one neutral answer.
/// </summary>
public static class AcceptAccountLink
{
    public sealed record Command(string? Token, string? Password, string? ConfirmPassword) : ICommand<Result<Accepted>>;

    public sealed record Accepted(string UserId, string Email);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Password).Must(p => !string.IsNullOrEmpty(p)).WithMessage("Choose a password.");
            RuleFor(c => c.ConfirmPassword).Equal(c => c.Password).WithMessage("The two passwords are not the same.");
        }
    }

    public sealed class Handler(IApplicationDbContext db, IAccounts accounts, IAuditLog audit, TimeProvider clock)
        : ICommandHandler<Command, Result<Accepted>>
    {
        public async ValueTask<Result<Accepted>> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var link = await AccountLinks.OpenAsync(db, command.Token, now, cancellationToken);
            if (link is null || await accounts.FindAsync(link.UserId, cancellationToken) is not { Status: not AccountStatus.Deactivated } account)
            {
                return Error.NotFound("This link cannot be used.");
            }

            if (await accounts.SetPasswordAsync(account.UserId, command.Password!, cancellationToken) is { } refused)
            {
                return refused;
            }

            link.Use(now);
            await AccountLinks.RevokeOpenAsync(db, account.UserId, null, now, cancellationToken);
            audit.Record(link.Purpose == AccountLinkPurpose.Invitation ? "InvitationAccepted" : "PasswordReset", "User", AccountLinks.AuditId(account.UserId));
            await db.SaveChangesAsync(cancellationToken);
            return new Accepted(account.UserId, account.Email);
        }
    }
}
