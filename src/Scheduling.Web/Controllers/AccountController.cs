using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Infrastructure.Identity;
using Scheduling.Web.Models.Accounts;
using Scheduling.Web.Security;

namespace Scheduling.Web.Controllers;

[Route("account")]
public sealed class AccountController(
    SignInManager<ApplicationUser> signInManager,
    IAuditLog audit,
    Scheduling.Infrastructure.Persistence.ApplicationDbContext db) : Controller
{
    public const string SignInRefused =
        "The email or password is incorrect, or the account is locked after repeated failed sign-ins. "
        + "A locked account opens again after 15 minutes; \"Forgot your password?\" below or an administrator can help sooner.";

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

        var result = await signInManager.PasswordSignInAsync(model.Email, model.Password, isPersistent: false, lockoutOnFailure: true);
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

        audit.Record(result.IsLockedOut ? "SignInLockedOut" : "SignInFailed", "User", null, $"Account: {model.Email}");
        await db.SaveChangesAsync(HttpContext.RequestAborted);

        // One message for every refusal (wrong password, unknown email, locked, deactivated), so the
        // page never tells whether an account exists.
        ModelState.AddModelError(string.Empty, SignInRefused);
        model.Password = string.Empty;
        return View(model);
    }

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
