using System.ComponentModel.DataAnnotations;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Features.Accounts;

namespace Scheduling.Web.Models.Accounts;

public static class AccountDisplay
{
    public static string Status(AccountStatus status) => status switch
    {
        AccountStatus.Invited => "Invited",
        AccountStatus.Active => "Active",
        AccountStatus.Locked => "Locked",
        AccountStatus.Deactivated => "Deactivated",
        _ => "Unknown",
    };

    public static string Roles(IEnumerable<string> roles) => string.Join(", ", roles.Select(Application.Common.Security.Roles.DisplayName));

    public static IReadOnlyList<AccountStatus> Statuses { get; } = [AccountStatus.Invited, AccountStatus.Active, AccountStatus.Locked, AccountStatus.Deactivated];
}

public sealed record UsersIndexViewModel(IReadOnlyList<UserRow> Users, string? Role, AccountStatus? Status);

public sealed record UserRow(string Id, string FullName, string Email, string Roles, string Status, bool TwoFactor, string LastSignIn);

public sealed class NewUserViewModel
{
    [Display(Name = "Full name")]
    public string? FullName { get; set; }

    [Display(Name = "Email")]
    public string? Email { get; set; }

    [Display(Name = "Roles")]
    public List<string> Roles { get; set; } = [];

    [Display(Name = "Practice (referring doctors)")]
    public string? PracticeName { get; set; }

    [Display(Name = "Practice phone (referring doctors)")]
    public string? PracticePhone { get; set; }

    [Display(Name = "NPI, 10 digits (referring doctors)")]
    public string? Npi { get; set; }
}

public sealed record UserDetailsViewModel(AccountInfo Account, string LastSignIn, IReadOnlyList<string> Roles)
{
    /// <summary>The two-factor reset form as typed (kept when it is refused; the code never is).</summary>
    public ResetTwoFactorForm Reset { get; init; } = new();
}

/// <summary>An administrator resets a person's lost two-factor.</summary>
public sealed class ResetTwoFactorForm
{
    [Display(Name = "Reason (kept in the audit log)")]
    public string? Reason { get; set; }

    [Display(Name = "Code from your own authenticator app")]
    public string? YourCode { get; set; }
}

public sealed record AccessRequestsViewModel(IReadOnlyList<AccessRequestRow> Requests, Guid? DeclineFormFor, string? DeclineReason);

public sealed record AccessRequestRow(ListAccessRequests.Row Request, string Submitted, string Status);

public sealed class DeclineViewModel
{
    [Display(Name = "Reason (emailed to the doctor)")]
    public string? Reason { get; set; }
}
