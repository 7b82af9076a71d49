using System.Security.Claims;

using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

using Scheduling.Application.Common.Security;
using Scheduling.Infrastructure;
using Scheduling.Infrastructure.Identity;

namespace Scheduling.Web.Security;

/// <summary>
/// Server-side sessions (<see cref="DatabaseTicketStore"/>) and the two-factor rule, wired in one
/// place: the "Security" settings, the session store behind Identity's application cookie, the
/// claim that says whether the user has two-factor on, and who must enrol.
/// </summary>
public static class AccountSecurity
{
    public static SecurityOptions AddAccountSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var security = InvalidSettingsException.BindValid<SecurityOptions>(configuration, SecurityOptions.SectionName, o => o.Validate());
        services.AddSingleton(new TwoFactorPolicy(security.TwoFactorRoles(environment.IsProduction())));
        services.AddSingleton<DatabaseTicketStore>();
        services.AddScoped<SessionJobs>();
        services.AddScoped<AccountJobs>();

        // Replaces Identity's authenticator provider (PostConfigure: after AddDefaultTokenProviders).
        services.AddTransient<SingleUseAuthenticatorTokenProvider>();
        services.PostConfigure<IdentityOptions>(options =>
            options.Tokens.ProviderMap[TokenOptions.DefaultAuthenticatorProvider] = new TokenProviderDescriptor(typeof(SingleUseAuthenticatorTokenProvider)));
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<DatabaseTicketStore>((options, store) => options.SessionStore = store);
        return security;
    }
}

/// <summary>Who must have two-factor on before using the app (Security:RequireTwoFactorForRoles).</summary>
public sealed class TwoFactorPolicy(IReadOnlySet<string> roles)
{
    public IReadOnlySet<string> Roles { get; } = roles;

    public bool IsRequiredFor(ClaimsPrincipal user) => Roles.Any(user.IsInRole);

    public bool MustEnrol(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && IsRequiredFor(user) && !TwoFactorClaims.IsEnabled(user);
}

public static class TwoFactorClaims
{
    /// <summary>Present with value "on" when the account had two-factor enabled at sign-in or at the last refresh.</summary>
    public const string Enabled = "tace:two-factor";

    public static bool IsEnabled(ClaimsPrincipal user) => user.HasClaim(Enabled, "on");
}

/// <summary>Adds <see cref="TwoFactorClaims.Enabled"/> to every sign-in, so the per-request check needs no database read.</summary>
public sealed class TwoFactorClaimsPrincipalFactory(
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (await UserManager.GetTwoFactorEnabledAsync(user))
        {
            identity.AddClaim(new Claim(TwoFactorClaims.Enabled, "on"));
        }

        return identity;
    }
}

/// <summary>
/// A user whose role requires two-factor and who has not enrolled can only enrol or sign out: every
/// other request (pages, posts, the job dashboard) is sent to the enrolment page.
/// </summary>
public sealed class TwoFactorEnrolmentMiddleware(RequestDelegate next, TwoFactorPolicy policy)
{
    public const string EnrolPath = "/account/two-factor/enrol";

    private static readonly PathString[] Allowed =
        [new("/account/two-factor"), new("/account/logout"), new("/account/access-denied"), new("/error"), new("/health")];

    public Task InvokeAsync(HttpContext context)
    {
        if (policy.MustEnrol(context.User) && !Allowed.Any(p => context.Request.Path.StartsWithSegments(p)))
        {
            context.Response.Redirect(context.Request.PathBase.Add(EnrolPath));
            return Task.CompletedTask;
        }

        return next(context);
    }
}
