using FluentValidation;

using Mediator;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;

namespace Scheduling.Application.Features.Accounts;

/// <summary>A signed-in user changes their own password (the current one is asked for again).</summary>
public static class ChangePassword
{
    public sealed record Command(string? CurrentPassword, string? NewPassword, string? ConfirmPassword) : ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CurrentPassword).Must(p => !string.IsNullOrEmpty(p)).WithMessage("Enter your current password.");
            RuleFor(c => c.NewPassword).Must(p => !string.IsNullOrEmpty(p)).WithMessage("Choose a new password.");
            RuleFor(c => c.ConfirmPassword).Equal(c => c.NewPassword).WithMessage("The two passwords are not the same.");
        }
    }

    public sealed class Handler(IApplicationDbContext db, IAccounts accounts, ICurrentUser currentUser, IAuditLog audit)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (currentUser.UserId is not { } userId)
            {
                return Error.NotFound();
            }

            if (await accounts.ChangePasswordAsync(userId, command.CurrentPassword!, command.NewPassword!, cancellationToken) is { } refused)
            {
                return refused.FieldErrors.ContainsKey("Password")
                    ? Error.Validation("NewPassword", refused.FieldErrors["Password"][0])
                    : refused;
            }

            audit.Record("PasswordChanged", "User", AccountLinks.AuditId(userId));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Success();
        }
    }
}
