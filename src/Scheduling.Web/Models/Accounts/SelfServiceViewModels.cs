using System.ComponentModel.DataAnnotations;

using Scheduling.Domain.Accounts;

namespace Scheduling.Web.Models.Accounts;

/// <summary>Forms of the self-service pages. Rules live in the use cases' validators; these attributes only label.</summary>
public sealed class ForgotPasswordViewModel
{
    [Display(Name = "Email")]
    public string? Email { get; set; }
}

public sealed class SetPasswordViewModel
{
    public AccountLinkPurpose Purpose { get; set; }

    public string FullName { get; set; } = string.Empty;

    public string Email { get; set; } = string.Empty;

    [Display(Name = "New password (at least 12 characters)")]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    [Display(Name = "The same password again")]
    [DataType(DataType.Password)]
    public string? ConfirmPassword { get; set; }
}

public sealed class ChangePasswordViewModel
{
    [Display(Name = "Current password")]
    [DataType(DataType.Password)]
    public string? CurrentPassword { get; set; }

    [Display(Name = "New password (at least 12 characters)")]
    [DataType(DataType.Password)]
    public string? NewPassword { get; set; }

    [Display(Name = "The same new password again")]
    [DataType(DataType.Password)]
    public string? ConfirmPassword { get; set; }
}

public sealed class RequestAccessViewModel
{
    [Display(Name = "Full name")]
    public string? FullName { get; set; }

    [Display(Name = "Practice")]
    public string? Practice { get; set; }

    [Display(Name = "NPI (10 digits)")]
    public string? Npi { get; set; }

    [Display(Name = "Email")]
    public string? Email { get; set; }

    [Display(Name = "Phone")]
    public string? Phone { get; set; }

    [Display(Name = "Note for the clinic (optional)")]
    public string? Note { get; set; }
}
