using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Security;

namespace Scheduling.TestSupport;

/// <summary>Who the use cases think is acting; tests change it between calls.</summary>
public sealed class FakeCurrentUser : ICurrentUser
{
    private HashSet<string> _roles = new(StringComparer.Ordinal) { Roles.Admin };

    public string? UserId { get; private set; } = "user-admin-1";

    public string? UserName { get; private set; } = "admin@clinic.test";

    public string? ClientAddress { get; set; } = "192.0.2.10";

    public bool IsInRole(string role) => _roles.Contains(role);

    public void SignInAs(string userId, string userName, params string[] roles)
    {
        UserId = userId;
        UserName = userName;
        _roles = new HashSet<string>(roles, StringComparer.Ordinal);
    }

    public void SignOut()
    {
        UserId = null;
        UserName = null;
        _roles = new HashSet<string>(StringComparer.Ordinal);
    }
}
