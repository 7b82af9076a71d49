using System.ComponentModel.DataAnnotations;

namespace Scheduling.Web.Models.Accounts;

public sealed class TwoFactorCodeViewModel
{
    [Display(Name = "Code from your authenticator app")]
    [Required(ErrorMessage = "Enter the 6-digit code from your authenticator app.")]
    [StringLength(12)]
    public string Code { get; set; } = string.Empty;

    public string? ReturnUrl { get; set; }
}

public sealed class RecoveryCodeViewModel
{
    [Display(Name = "Recovery code")]
    [Required(ErrorMessage = "Enter one of your recovery codes.")]
    [StringLength(32)]
    public string RecoveryCode { get; set; } = string.Empty;

    public string? ReturnUrl { get; set; }
}

public sealed class TwoFactorStatusViewModel
{
    public bool Enabled { get; set; }

    public int RecoveryCodesLeft { get; set; }

    public bool Required { get; set; }

    public PasswordConfirmationViewModel Disable { get; set; } = new();

    public PasswordConfirmationViewModel Codes { get; set; } = new();
}

public sealed class EnrolViewModel
{
    /// <summary>Null until the user has asked for a key (creating one changes the account, so a GET never does).</summary>
    public string? SharedKey { get; set; }

    public bool Required { get; set; }

    [Display(Name = "Code from your authenticator app")]
    [Required(ErrorMessage = "Enter the 6-digit code your authenticator app shows.")]
    [StringLength(12)]
    public string Code { get; set; } = string.Empty;
}

public sealed class PasswordConfirmationViewModel
{
    [Display(Name = "Your password")]
    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    [StringLength(256)]
    public string Password { get; set; } = string.Empty;
}

public sealed record RecoveryCodesViewModel(IReadOnlyList<string> Codes);
