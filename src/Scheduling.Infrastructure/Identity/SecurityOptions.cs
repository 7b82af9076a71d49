namespace Scheduling.Infrastructure.Identity;

/// <summary>The "Security" configuration section: session lifetimes and who must use two-factor.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>Idle expiry of a session (sliding): a ward workstation left alone signs out.</summary>
    public int IdleTimeoutMinutes { get; set; } = 20;

    /// <summary>Absolute lifetime of a session however active it is: one working shift.</summary>
    public double AbsoluteSessionHours { get; set; } = 8;

    /// <summary>
    /// Roles that must enrol in two-factor before doing anything else. Unset: Admin in Production and
    /// nobody elsewhere. In Production Admin is always included, whatever the list says.
    /// </summary>
    public string[]? RequireTwoFactorForRoles { get; set; }

    public TimeSpan IdleTimeout => TimeSpan.FromMinutes(IdleTimeoutMinutes);

    public TimeSpan AbsoluteLifetime => TimeSpan.FromHours(AbsoluteSessionHours);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (IdleTimeoutMinutes < 1)
        {
            problems.Add("Security:IdleTimeoutMinutes must be at least 1.");
        }

        if (AbsoluteSessionHours <= 0 || AbsoluteLifetime < IdleTimeout)
        {
            problems.Add("Security:AbsoluteSessionHours must be positive and no shorter than the idle timeout.");
        }

        return problems;
    }

    /// <summary>The roles two-factor is required for in this environment.</summary>
    public IReadOnlySet<string> TwoFactorRoles(bool isProduction, string adminRole)
    {
        var roles = new HashSet<string>(
            (RequireTwoFactorForRoles ?? (isProduction ? [adminRole] : []))
                .Where(r => !string.IsNullOrWhiteSpace(r))
                .Select(r => r.Trim()),
            StringComparer.Ordinal);
        if (isProduction)
        {
            roles.Add(adminRole);
        }

        return roles;
    }
}
