namespace Scheduling.Application.Common.Security;

/// <summary>How long account links live, from the "Security" configuration section.</summary>
public sealed class AccountLinkOptions
{
    public const string SectionName = "Security";

    public int InvitationLifetimeHours { get; set; } = 72;

    public int PasswordResetLifetimeHours { get; set; } = 2;

    public TimeSpan InvitationLifetime => TimeSpan.FromHours(InvitationLifetimeHours);

    public TimeSpan PasswordResetLifetime => TimeSpan.FromHours(PasswordResetLifetimeHours);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (InvitationLifetimeHours is < 1 or > 24 * 30)
        {
            problems.Add("Security:InvitationLifetimeHours must be between 1 and 720.");
        }

        if (PasswordResetLifetimeHours is < 1 or > 72)
        {
            problems.Add("Security:PasswordResetLifetimeHours must be between 1 and 72.");
        }

        return problems;
    }
}
