using FluentValidation;

using Mediator;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Common.Security;

namespace Scheduling.Application.Features.Accounts;

/// <summary>
/// A person lost their phone and their recovery codes: an administrator resets their two-factor, with
/// a reason. The administrator proves their own second factor at that moment (a code from their own
/// authenticator app, each code once), so a stolen admin session alone cannot strip anyone's second
/// factor. Two-factor goes off, the old key and recovery codes die, every session of the person ends,
/// and they set two-factor up again at their next sign-in (compulsory where their role requires it).
/// Audited with the reason. One's own two-factor is changed on one's own Two-factor page.
/// </summary>
public static class ResetTwoFactor
{
    public const int ReasonMaxLength = 500;

    public const string OwnAccountMessage = "Change your own two-factor on your Two-factor page.";

    public const string AdminWithoutTwoFactorMessage =
        "Turn on two-factor for your own account first: only an administrator who proves their own second factor may reset someone else's.";

    public const string WrongCodeMessage = "That code does not match. Enter the code your authenticator app shows now.";

    public sealed record Command(string UserId, string? Reason, string? YourCode) : ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reason)
                .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Say why, for example \"Lost phone, identity checked in person\".")
                .MaximumLength(ReasonMaxLength).WithMessage($"Keep the reason to {ReasonMaxLength} characters or fewer.");
            RuleFor(c => c.YourCode)
                .Must(c => !string.IsNullOrWhiteSpace(c)).WithMessage("Enter the code your own authenticator app shows now.");
        }
    }

    public sealed class Handler(IApplicationDbContext db, IAccounts accounts, ICurrentUser currentUser, IAuditLog audit)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!currentUser.IsInRole(Roles.Admin) || currentUser.UserId is not { } adminId
                || await accounts.FindAsync(command.UserId, cancellationToken) is not { } account)
            {
                return Error.NotFound("That account does not exist.");
            }

            if (account.UserId == adminId)
            {
                return Error.Validation(nameof(Command.YourCode), OwnAccountMessage);
            }

            if (await accounts.FindAsync(adminId, cancellationToken) is not { TwoFactorEnabled: true })
            {
                return Error.Validation(nameof(Command.YourCode), AdminWithoutTwoFactorMessage);
            }

            if (!await accounts.VerifyTwoFactorCodeAsync(adminId, command.YourCode!, cancellationToken))
            {
                return Error.Validation(nameof(Command.YourCode), WrongCodeMessage);
            }

            await accounts.ResetTwoFactorAsync(account.UserId, cancellationToken);
            audit.Record("TwoFactorReset", "User", AccountLinks.AuditId(account.UserId),
                $"Two-factor of {account.FullName} reset; every session ended; set up again at the next sign-in. Reason: {command.Reason!.Trim()}");
            await db.SaveChangesAsync(cancellationToken);
            return Result.Success();
        }
    }
}
