using System.Security.Claims;
using System.Security.Cryptography;

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

using Scheduling.Domain.Accounts;
using Scheduling.Infrastructure.Identity;
using Scheduling.Infrastructure.Persistence;

namespace Scheduling.Web.Security;

/// <summary>
/// Identity's sign-in with five changes. Wrong passwords never lock the account: they are counted per
/// email and client by <see cref="SignInAttempts"/> (the rule is <see cref="SignInThrottle"/>), so a
/// stranger can pause only their own client, or new devices after a day's worth of guesses, never the
/// person at a device they used before. An unknown email, a deactivated or not yet activated
/// account, a locked one and a paused client all cost one password-hash verification (against a
/// dummy hash), as a wrong password on a real account does, so response time does not tell which
/// emails have accounts. A deactivated account can never sign in. An account with two-factor on
/// always gets the second step. A completed sign-in records the time (the accounts list shows it)
/// and makes the browser a known device.
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
    SignInAttempts attempts,
    TimeProvider clock)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static readonly ApplicationUser DummyUser = new() { UserName = "nobody", Email = "nobody" };
    private static string? _dummyHash;

    /// <summary>
    /// The sign-in page's check. <paramref name="lockoutOnFailure"/> is ignored: wrong passwords are
    /// counted by <see cref="SignInThrottle"/>, never by Identity's account lockout (which still
    /// guards the second step, where the person has already given the right password).
    /// </summary>
    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var cancellationToken = Context.RequestAborted;
        var ticket = await attempts.BeginAsync(userName, DeviceCookie.ClientOf(Context), cancellationToken);
        if (!ticket.Verdict.MayCheckPassword)
        {
            SpendAPasswordCheck(password);
            return new ThrottledSignInResult(ticket.Verdict);
        }

        var user = await UserManager.FindByEmailAsync(userName) ?? await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            SpendAPasswordCheck(password);
            await attempts.FailedAsync(cancellationToken);
            return SignInResult.Failed;
        }

        var result = await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure: false);
        if (result.Succeeded || result.RequiresTwoFactor)
        {
            await attempts.PasswordAcceptedAsync(ticket, cancellationToken);
        }
        else if (result.IsLockedOut)
        {
            await attempts.NotCheckedAsync(ticket, cancellationToken);
        }
        else
        {
            await attempts.FailedAsync(cancellationToken);
        }

        return result;
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
        if (user.Email is { } email)
        {
            var device = await attempts.RememberDeviceAsync(email, DeviceCookie.ClientOf(Context).DeviceId, Context.RequestAborted);
            DeviceCookie.Write(Context, device, now);
        }

        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
    }

    /// <summary>The same hashing work a real password check does, with its result thrown away.</summary>
    private void SpendAPasswordCheck(string password)
    {
        var hash = _dummyHash ??= UserManager.PasswordHasher.HashPassword(DummyUser, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        _ = UserManager.PasswordHasher.VerifyHashedPassword(DummyUser, hash, password ?? string.Empty);
    }
}

/// <summary>A password attempt refused before the password was checked, and until when.</summary>
public sealed class ThrottledSignInResult : SignInResult
{
    public ThrottledSignInResult(SignInVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        Verdict = verdict;
        IsNotAllowed = true;
    }

    public SignInVerdict Verdict { get; }
}
