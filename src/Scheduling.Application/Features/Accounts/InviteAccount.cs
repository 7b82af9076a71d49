using FluentValidation;

using Mediator;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Accounts;
using Scheduling.Domain.Messaging;

namespace Scheduling.Application.Features.Accounts;

/// <summary>
/// An admin creates a staff or doctor account. Nobody sets a password for it: the new holder gets
/// an invitation email (through the outbox) with a single-use link to choose one.
/// </summary>
public static class InviteAccount
{
    public sealed record Command(
        string? FullName, string? Email, IReadOnlyList<string>? Roles, string? PracticeName, string? PracticePhone, string? Npi)
        : ICommand<Result<string>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.FullName)
                .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter the full name.")
                .MaximumLength(AccountRules.FullNameMaxLength).WithMessage($"The name can be at most {AccountRules.FullNameMaxLength} characters.");
            RuleFor(c => c.Email).ValidEmail();
            RuleFor(c => c.Roles).ValidRoles();
            When(c => c.Roles?.Contains(Common.Security.Roles.ReferringPhysician) == true, () =>
            {
                RuleFor(c => c.PracticeName)
                    .Must(p => !string.IsNullOrWhiteSpace(p)).WithMessage("Enter the doctor's practice.")
                    .MaximumLength(AccountRules.PracticeMaxLength).WithMessage($"The practice can be at most {AccountRules.PracticeMaxLength} characters.");
                RuleFor(c => c.PracticePhone)
                    .Must(p => !string.IsNullOrWhiteSpace(p)).WithMessage("Enter the practice's phone number.")
                    .MaximumLength(AccountRules.PhoneMaxLength).WithMessage($"The phone number can be at most {AccountRules.PhoneMaxLength} characters.");
                RuleFor(c => c.Npi).ValidNpi();
            });
        }
    }

    public sealed class Handler(IApplicationDbContext db, IAccounts accounts, IOutbox outbox, IAuditLog audit, SecurityOptions options, TimeProvider clock)
        : ICommandHandler<Command, Result<string>>
    {
        public async ValueTask<Result<string>> Handle(Command command, CancellationToken cancellationToken)
        {
            var isDoctor = command.Roles!.Contains(Roles.ReferringPhysician);
            var created = await accounts.CreateAsync(
                new NewAccount(
                    command.FullName!,
                    command.Email!,
                    command.Roles!,
                    isDoctor ? command.PracticeName : null,
                    isDoctor ? command.PracticePhone : null,
                    isDoctor ? Npi.TryParse(command.Npi)!.Value : null),
                cancellationToken);
            if (created.Failed(out var error, out var userId))
            {
                return error;
            }

            var now = clock.GetUtcNow().UtcDateTime;
            await AccountLinks.QueueAsync(db, outbox, userId, AccountLinkPurpose.Invitation, MessageKinds.AccountInvitation, options.InvitationLifetime, now, cancellationToken);
            audit.Record("AccountInvited", "User", AccountLinks.AuditId(userId), "Roles: " + string.Join(", ", command.Roles!.Distinct()));
            await db.SaveChangesAsync(cancellationToken);
            return userId;
        }
    }
}
