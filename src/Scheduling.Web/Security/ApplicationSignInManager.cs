using System.Security.Claims;
using System.Security.Cryptography;

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

using Scheduling.Infrastructure.Identity;
using Scheduling.Infrastructure.Persistence;

namespace Scheduling.Web.Security;

/// <summary>
/// Identity's sign-in with four changes. An unknown email, a deactivated or not yet activated
/// account and a locked one all cost one password-hash verification (against a dummy hash), as a
/// wrong password on a real account does, so response time does not tell which emails have accounts.
/// A deactivated account can never sign in. An account with two-factor on always gets the second
/// step. A completed sign-in records the time (the accounts list shows it).
/// </summary>
public sealed class ApplicationSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation,
    ApplicationDbContext db,
    TimeProvider clock)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static readonly ApplicationUser DummyUser = new() { UserName = "nobody", Email = "nobody" };
    private static string? _dummyHash;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByEmailAsync(userName) ?? await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            SpendAPasswordCheck(password);
            return SignInResult.Failed;
        }

        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(ApplicationUser user, string password, bool lockoutOnFailure)
    {
        if (user.DeactivatedAtUtc is not null || user.PasswordHash is null)
        {
            SpendAPasswordCheck(password);
            return SignInResult.Failed;
        }

        if (await UserManager.IsLockedOutAsync(user))
        {
            SpendAPasswordCheck(password);
            return SignInResult.LockedOut;
        }

        return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
    }

    public override async Task<bool> CanSignInAsync(ApplicationUser user) =>
        user.DeactivatedAtUtc is null && await base.CanSignInAsync(user);

    /// <summary>
    /// Two-factor on means the second step is always asked. Identity's own rule also wants a provider
    /// that could make a code, so an account whose authenticator key this installation cannot decrypt
    /// (a restored database without its key certificate) would sign in with the password alone.
    /// </summary>
    public override async Task<bool> IsTwoFactorEnabledAsync(ApplicationUser user) =>
        UserManager.SupportsUserTwoFactor && await UserManager.GetTwoFactorEnabledAsync(user);

    public override async Task SignInWithClaimsAsync(ApplicationUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        // A direct update, not UserManager.UpdateAsync: that one checks the concurrency stamp, and two
        // sign-ins of the same account at once (two tabs, two workstations) would fail the second.
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.LastSignInAtUtc, now));
        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
    }

    /// <summary>The same hashing work a real password check does, with its result thrown away.</summary>
    private void SpendAPasswordCheck(string password)
    {
        var hash = _dummyHash ??= UserManager.PasswordHasher.HashPassword(DummyUser, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        _ = UserManager.PasswordHasher.VerifyHashedPassword(DummyUser, hash, password ?? string.Empty);
    }
}
