using FluentValidation;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Common.Security;
using Scheduling.Domain.Accounts;

namespace Scheduling.Application.Features.Accounts;

/// <summary>The rules every account change shares: field limits, the role set, and the last-administrator guard.</summary>
public static class AccountRules
{
    public const int FullNameMaxLength = 200;
    public const int EmailMaxLength = 256;
    public const int PracticeMaxLength = 200;
    public const int PhoneMaxLength = 40;
    public const string LastAdminMessage = "This is the last active administrator: make another account an administrator first.";

    public static IRuleBuilderOptions<T, string?> ValidEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(e => !string.IsNullOrWhiteSpace(e)).WithMessage("Enter the email address.")
            .MaximumLength(EmailMaxLength).WithMessage($"The email can be at most {EmailMaxLength} characters.")
            .EmailAddress().WithMessage("Enter a valid email address.");

    public static IRuleBuilderOptions<T, string?> ValidNpi<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter the 10-digit NPI.")
            .Must(Npi.IsValid).WithMessage("This is not a valid NPI: it has 10 digits and the last is a check digit. Please check it.");

    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> ValidRoles<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.Must(r => r is { Count: > 0 }).WithMessage("Choose at least one role.")
            .Must(r => r is null || r.All(Roles.IsKnown)).WithMessage("Choose roles from the list.");

    /// <summary>Refuses a change that would leave no active administrator.</summary>
    public static async Task<Error?> GuardLastAdminAsync(IAccounts accounts, AccountInfo account, bool staysActiveAdmin, CancellationToken cancellationToken)
    {
        var isActiveAdmin = account.Roles.Contains(Roles.Admin) && account.Status != AccountStatus.Deactivated;
        if (isActiveAdmin && !staysActiveAdmin && await accounts.CountActiveAdminsAsync(cancellationToken) <= 1)
        {
            return Error.Conflict(LastAdminMessage);
        }

        return null;
    }

    /// <summary>
    /// The same rule checked again after the change, inside its transaction: two admins demoting
    /// each other at the same moment both pass the first check, and the second to commit is refused
    /// here (on SQL Server the two transactions block each other and the retried one sees the other's change).
    /// </summary>
    public static async Task<Error?> RecheckAdminsRemainAsync(IAccounts accounts, CancellationToken cancellationToken) =>
        await accounts.CountActiveAdminsAsync(cancellationToken) == 0 ? Error.Conflict(LastAdminMessage) : null;
}
