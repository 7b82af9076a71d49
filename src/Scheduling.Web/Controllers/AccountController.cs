using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Domain.Accounts;
using Scheduling.Domain.Common;
using Scheduling.Infrastructure.Identity;
using Scheduling.Web.Models.Accounts;
using Scheduling.Web.Security;

namespace Scheduling.Web.Controllers;

[Route("account")]
public sealed class AccountController(
    SignInManager<ApplicationUser> signInManager,
    IAuditLog audit,
    ClinicTime clinicTime,
    Scheduling.Infrastructure.Persistence.ApplicationDbContext db) : Controller
{
    public const string SignInRefused =
        "The email or password is incorrect. After 5 wrong passwords in 15 minutes, this computer has to wait before it tries again.";

    public const string LockedAtTheSecondStep =
        "This account is locked for 15 minutes after repeated wrong codes at the second step. "
        + "\"Forgot your password?\" below or an administrator can open it sooner.";

    [AllowAnonymous]
    [HttpGet("login")]
    public IActionResult Login(string? returnUrl = null) => View(new LoginViewModel { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost("login")]
    [EnableRateLimiting(RateLimits.SignIn)]
    public async Task<IActionResult> Login(LoginViewModel model)
    {
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var result = await signInManager.PasswordSignInAsync(model.Email, model.Password, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            audit.Record("SignedIn", "User", null, $"Account: {model.Email}");
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            return LocalRedirect(Url.IsLocalUrl(model.ReturnUrl) ? model.ReturnUrl : Url.Content("~/"));
        }

        if (result.RequiresTwoFactor)
        {
            // Password accepted; the second step (TwoFactorSignInController) completes the sign-in.
            audit.Record("SignInPasswordAccepted", "User", null, $"Account: {model.Email}; awaiting second factor");
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            return RedirectToAction(nameof(TwoFactorSignInController.Code), "TwoFactorSignIn", new { returnUrl = model.ReturnUrl });
        }

        if (result is ThrottledSignInResult throttled)
        {
            var until = Until(throttled.Verdict.UntilUtc!.Value);
            audit.Record("SignInPaused", "User", null, throttled.Verdict.Pause == SignInPause.ThisClient
                ? $"Account: {model.Email}; too many wrong passwords from this client; it may try again from {until}"
                : $"Account: {model.Email}; too many wrong passwords from new devices; they may try again from {until}");
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            ModelState.AddModelError(string.Empty, PausedMessage(throttled.Verdict.Pause, until));
        }
        else
        {
            audit.Record(result.IsLockedOut ? "SignInLockedOut" : "SignInFailed", "User", null, $"Account: {model.Email}");
            await db.SaveChangesAsync(HttpContext.RequestAborted);

            // One message for a wrong password, an unknown email and a deactivated account, so the page
            // never tells whether an account exists. (A lock comes only from wrong codes at the second
            // step, which only someone with the password reaches.)
            ModelState.AddModelError(string.Empty, result.IsLockedOut ? LockedAtTheSecondStep : SignInRefused);
        }

        model.Password = string.Empty;
        return View(model);
    }

    /// <summary>The same words whether or not the email has an account: the pause is counted per email as typed.</summary>
    public static string PausedMessage(SignInPause pause, string until) => pause == SignInPause.ThisClient
        ? $"Too many wrong passwords for this email from this computer or network. It can try again from {until}. "
            + "\"Forgot your password?\" below sends a link that works at once."
        : $"After many wrong passwords, sign-in with this email from computers it has not been used on before is paused until {until}. "
            + "Sign in on a computer you have used before, or use \"Forgot your password?\" below: setting a new password ends the pause.";

    private string Until(DateTime utc) =>
        $"{ClinicFormats.DayAndTime(clinicTime.ToLocal(utc), clinicTime)} {ClinicTimeLabel.For(clinicTime, utc)}";

    [HttpPost("logout")]
    public async Task<IActionResult> Logout()
    {
        audit.Record("SignedOut", "User", null);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        await signInManager.SignOutAsync();
        return RedirectToAction(nameof(Login));
    }

    [AllowAnonymous]
    [HttpGet("access-denied")]
    public IActionResult AccessDenied()
    {
        return View().Forbidden();
    }
}
