namespace Scheduling.Application.Common.Security;

/// <summary>
/// The "Security" configuration section, the one class that binds it: session lifetimes, who must use
/// two-factor, and how long account links (invitations, password resets) work.
/// </summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    public const int MaxIdleTimeoutMinutes = 24 * 60;
    public const int MaxAbsoluteSessionHours = 24 * 7;

    /// <summary>Idle expiry of a session (sliding): a ward workstation left alone signs out.</summary>
    public int IdleTimeoutMinutes { get; set; } = 20;

    /// <summary>Absolute lifetime of a session however active it is: one working shift.</summary>
    public double AbsoluteSessionHours { get; set; } = 8;

    /// <summary>
    /// Roles that must enrol in two-factor before doing anything else. Unset: Admin in Production and
    /// nobody elsewhere. In Production Admin is always included, whatever the list says.
    /// </summary>
    public string[]? RequireTwoFactorForRoles { get; set; }

    /// <summary>How long an invitation link (new account, approved access request, create-admin) works.</summary>
    public int InvitationLifetimeHours { get; set; } = 72;

    /// <summary>How long a password-reset link works.</summary>
    public int PasswordResetLifetimeHours { get; set; } = 2;

    public TimeSpan IdleTimeout => TimeSpan.FromMinutes(IdleTimeoutMinutes);

    public TimeSpan AbsoluteLifetime => TimeSpan.FromHours(AbsoluteSessionHours);

    public TimeSpan InvitationLifetime => TimeSpan.FromHours(InvitationLifetimeHours);

    public TimeSpan PasswordResetLifetime => TimeSpan.FromHours(PasswordResetLifetimeHours);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (IdleTimeoutMinutes is < 1 or > MaxIdleTimeoutMinutes)
        {
            problems.Add($"Security:IdleTimeoutMinutes must be between 1 and {MaxIdleTimeoutMinutes} (is {IdleTimeoutMinutes}).");
        }

        if (!double.IsFinite(AbsoluteSessionHours) || AbsoluteSessionHours <= 0 || AbsoluteSessionHours > MaxAbsoluteSessionHours)
        {
            problems.Add($"Security:AbsoluteSessionHours must be more than 0 and at most {MaxAbsoluteSessionHours} (is {AbsoluteSessionHours}).");
        }
        else if (IdleTimeoutMinutes >= 1 && AbsoluteLifetime < IdleTimeout)
        {
            problems.Add($"Security:AbsoluteSessionHours must be no shorter than Security:IdleTimeoutMinutes (is {AbsoluteSessionHours} h against {IdleTimeoutMinutes} min).");
        }

        if (InvitationLifetimeHours is < 1 or > 24 * 30)
        {
            problems.Add($"Security:InvitationLifetimeHours must be between 1 and 720 (is {InvitationLifetimeHours}).");
        }

        if (PasswordResetLifetimeHours is < 1 or > 72)
        {
            problems.Add($"Security:PasswordResetLifetimeHours must be between 1 and 72 (is {PasswordResetLifetimeHours}).");
        }

        return problems;
    }

    /// <summary>The roles two-factor is required for in this environment.</summary>
    public IReadOnlySet<string> TwoFactorRoles(bool isProduction)
    {
        var roles = new HashSet<string>(
            (RequireTwoFactorForRoles ?? (isProduction ? [Roles.Admin] : []))
                .Where(r => !string.IsNullOrWhiteSpace(r))
                .Select(r => r.Trim()),
            StringComparer.Ordinal);
        if (isProduction)
        {
            roles.Add(Roles.Admin);
        }

        return roles;
    }
}
