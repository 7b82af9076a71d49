using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Infrastructure.Identity;
using Scheduling.Infrastructure.Persistence;
using Scheduling.Web.Models.Accounts;
using Scheduling.Web.Security;

namespace Scheduling.Web.Controllers;

/// <summary>
/// The second sign-in step for accounts with two-factor on: a code from the authenticator app, or one
/// of the recovery codes (each works once). Wrong codes count towards the same lockout as wrong passwords.
/// </summary>
[AllowAnonymous]
[Route("account/sign-in")]
public sealed class TwoFactorSignInController(
    SignInManager<ApplicationUser> signInManager,
    UserManager<ApplicationUser> users,
    IAuditLog audit,
    ApplicationDbContext db) : Controller
{
    private const string LockedMessage = "This account is locked after repeated failed sign-ins. Try again in 15 minutes or ask an administrator.";

    [HttpGet("two-factor")]
    public async Task<IActionResult> Code(string? returnUrl = null) =>
        await signInManager.GetTwoFactorAuthenticationUserAsync() is null
            ? RedirectToAction(nameof(AccountController.Login), "Account")
            : View(new TwoFactorCodeViewModel { ReturnUrl = returnUrl });

    [HttpPost("two-factor")]
    [EnableRateLimiting(RateLimits.SignIn)]
    public async Task<IActionResult> Code(TwoFactorCodeViewModel model)
    {
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToAction(nameof(AccountController.Login), "Account");
        }

        if (!ModelState.IsValid)
        {
            return View(model).Refused();
        }

        var code = NormalizeCode(model.Code);
        var result = await signInManager.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            return await SignedIn(user, "authenticator code", model.ReturnUrl);
        }

        await Failed(user, result.IsLockedOut, "authenticator code");
        ModelState.AddModelError(nameof(model.Code), result.IsLockedOut ? LockedMessage : "That code is not valid. Enter the code your app shows now.");
        model.Code = string.Empty;
        return View(model).Refused();
    }

    [HttpGet("recovery-code")]
    public async Task<IActionResult> RecoveryCode(string? returnUrl = null) =>
        await signInManager.GetTwoFactorAuthenticationUserAsync() is null
            ? RedirectToAction(nameof(AccountController.Login), "Account")
            : View(new RecoveryCodeViewModel { ReturnUrl = returnUrl });

    [HttpPost("recovery-code")]
    [EnableRateLimiting(RateLimits.SignIn)]
    public async Task<IActionResult> RecoveryCode(RecoveryCodeViewModel model)
    {
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToAction(nameof(AccountController.Login), "Account");
        }

        if (!ModelState.IsValid)
        {
            return View(model).Refused();
        }

        var lockedOut = await users.IsLockedOutAsync(user);
        var result = lockedOut
            ? Microsoft.AspNetCore.Identity.SignInResult.LockedOut
            : await signInManager.TwoFactorRecoveryCodeSignInAsync(model.RecoveryCode.Replace(" ", string.Empty, StringComparison.Ordinal).Trim());
        if (result.Succeeded)
        {
            var left = await users.CountRecoveryCodesAsync(user);
            return await SignedIn(user, $"recovery code ({left} left)", model.ReturnUrl);
        }

        if (!result.IsLockedOut)
        {
            // Identity does not count wrong recovery codes; they get the same lockout as wrong passwords.
            await users.AccessFailedAsync(user);
            lockedOut = await users.IsLockedOutAsync(user);
        }

        await Failed(user, lockedOut, "recovery code");
        ModelState.AddModelError(nameof(model.RecoveryCode), lockedOut ? LockedMessage : "That recovery code is not valid or has been used.");
        model.RecoveryCode = string.Empty;
        return View(model).Refused();
    }

    /// <summary>Authenticator apps show "123 456"; people type it that way too.</summary>
    internal static string NormalizeCode(string code) =>
        code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal).Trim();

    private async Task<IActionResult> SignedIn(ApplicationUser user, string how, string? returnUrl)
    {
        audit.Record("SignedIn", "User", null, $"Account: {user.Email}; second factor: {how}");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : Url.Content("~/"));
    }

    private async Task Failed(ApplicationUser user, bool lockedOut, string how)
    {
        audit.Record(lockedOut ? "SignInLockedOut" : "SignInFailed", "User", null, $"Account: {user.Email}; wrong {how}");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
    }
}
