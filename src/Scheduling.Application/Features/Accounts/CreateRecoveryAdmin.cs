using FluentValidation;

using Mediator;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Common.Security;
using Scheduling.Domain.Accounts;

namespace Scheduling.Application.Features.Accounts;

/// <summary>
/// For the server console when the only administrator is locked out or gone: makes the account with
/// this email an active, unlocked administrator (creating it if needed) and returns a one-time link
/// to choose a password. The link is handed to the operator, not emailed; only its hash is stored.
/// Its two-factor is reset (the admin sets it up again at the next sign-in), so a lost phone and lost
/// recovery codes never need a database edit.
/// </summary>
public static class CreateRecoveryAdmin
{
    public sealed record Command(string? Email) : ICommand<Result<Issued>>;

    public sealed record Issued(string UserId, string Link, DateTime ExpiresAtUtc, bool Created);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Email).ValidEmail();
    }

    public sealed class Handler(IApplicationDbContext db, IAccounts accounts, IAuditLog audit, ClinicOptions clinic, SecurityOptions options, TimeProvider clock)
        : ICommandHandler<Command, Result<Issued>>
    {
        public async ValueTask<Result<Issued>> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var account = await accounts.FindByEmailAsync(command.Email!, cancellationToken);
            var created = account is null;
            string userId;
            if (account is null)
            {
                var result = await accounts.CreateAsync(new NewAccount("Administrator", command.Email!, [Roles.Admin], null, null, null), cancellationToken);
                if (result.Failed(out var error, out var newUserId))
                {
                    return error;
                }

                userId = newUserId;
            }
            else
            {
                userId = account.UserId;
                if (!account.Roles.Contains(Roles.Admin))
                {
                    await accounts.SetRolesAsync(userId, [.. account.Roles, Roles.Admin], cancellationToken);
                }

                if (account.Status == AccountStatus.Deactivated)
                {
                    await accounts.SetDeactivatedAsync(userId, null, cancellationToken);
                }

                await accounts.UnlockAsync(userId, cancellationToken);

                // The way back for an administrator who lost both phone and recovery codes: two-factor
                // off, set up again at the next sign-in (compulsory for administrators in Production).
                if (account.TwoFactorEnabled)
                {
                    await accounts.ResetTwoFactorAsync(userId, cancellationToken);
                }
            }

            var purpose = account is null || account.Status == AccountStatus.Invited ? AccountLinkPurpose.Invitation : AccountLinkPurpose.PasswordReset;
            var (link, token) = await AccountLinks.IssueNowAsync(db, userId, purpose, options.InvitationLifetime, now, cancellationToken);
            audit.Record("RecoveryAdminLinkIssued", "User", AccountLinks.AuditId(userId), created ? "Account created by the create-admin command"
                : account!.TwoFactorEnabled ? "Existing account, by the create-admin command; two-factor reset (set up again at the next sign-in)"
                : "Existing account, by the create-admin command");
            await db.SaveChangesAsync(cancellationToken);
            return new Issued(userId, AccountLinks.Url(clinic, token), link.ExpiresAtUtc, created);
        }
    }
}
