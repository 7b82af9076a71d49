using Microsoft.AspNetCore.Identity;

namespace Scheduling.Infrastructure.Identity;

/// <summary>A staff or referring-doctor account. Patients never have one.</summary>
public sealed class ApplicationUser : IdentityUser
{
    public const int FullNameMaxLength = 200;
    public const int PracticeMaxLength = 200;
    public const int PracticePhoneMaxLength = 40;

    public string FullName { get; set; } = string.Empty;

    /// <summary>Referring doctors: their practice, prefilled on new referrals.</summary>
    public string? PracticeName { get; set; }

    public string? PracticePhone { get; set; }

    /// <summary>When an administrator deactivated the account (UTC); a deactivated user's sessions are refused.</summary>
    public DateTime? DeactivatedAtUtc { get; set; }
}
