using Microsoft.AspNetCore.Identity;

namespace Scheduling.Infrastructure.Identity;

/// <summary>A staff or referring-doctor account. Patients never have one.</summary>
public sealed class ApplicationUser : IdentityUser
{
    public const int FullNameMaxLength = 200;
    public const int PracticeMaxLength = 200;
    public const int PracticePhoneMaxLength = 40;
    public const int NpiMaxLength = 10;

    public string FullName { get; set; } = string.Empty;

    /// <summary>Referring doctors: their practice, prefilled on new referrals.</summary>
    public string? PracticeName { get; set; }

    public string? PracticePhone { get; set; }

    /// <summary>Referring doctors: their National Provider Identifier (checked, 10 digits).</summary>
    public string? Npi { get; set; }

    /// <summary>
    /// Set when an admin deactivates the account: sign-in is refused and the security stamp changes
    /// at the same time so that existing sessions end. Null for an account in service.
    /// </summary>
    public DateTime? DeactivatedAtUtc { get; set; }

    public DateTime? LastSignInAtUtc { get; set; }

    public DateTime? CreatedAtUtc { get; set; }
}
