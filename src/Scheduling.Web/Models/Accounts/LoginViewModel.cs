using System.ComponentModel.DataAnnotations;

namespace Scheduling.Web.Models.Accounts;

public sealed class LoginViewModel
{
    [Display(Name = "Email")]
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [StringLength(256)]
    public string Email { get; set; } = string.Empty;

    [Display(Name = "Password")]
    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    [StringLength(256)]
    public string Password { get; set; } = string.Empty;

    public string? ReturnUrl { get; set; }
}
