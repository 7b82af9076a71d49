using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Accounts;
using Scheduling.Infrastructure.Identity;
using Scheduling.Web.Models.Accounts;
using Scheduling.Web.Security;

namespace Scheduling.Web.Controllers;

/// <summary>
/// What people do for their own account: forgot password, the page behind an invitation or reset
/// link, change password, and (doctors outside the practice) request access.
/// </summary>
[Route("account")]
public sealed class SelfServiceController(
    IMediator mediator,
    SignInManager<ApplicationUser> signInManager,
    Scheduling.Application.Common.Abstractions.IAuditLog audit,
    Scheduling.Infrastructure.Persistence.ApplicationDbContext db) : Controller
{
    [AllowAnonymous]
    [HttpGet("forgot-password")]
    public IActionResult ForgotPassword() => View(new ForgotPasswordViewModel());

    [AllowAnonymous]
    [HttpPost("forgot-password")]
    [EnableRateLimiting(RateLimits.AccountRequests)]
    public async Task<IActionResult> ForgotPassword(ForgotPasswordViewModel form, CancellationToken ct)
    {
        var result = await mediator.Send(new RequestPasswordReset.Command(form.Email), ct);
        if (result.Error is { } error)
        {
            ModelState.AddErrors(error);
            return View(form).Refused();
        }

        return View("ForgotPasswordSent");
    }

    /// <summary>Shows the form only: opening the link (a mail scanner does) changes nothing.</summary>
    [AllowAnonymous]
    [HttpGet("link/{token}")]
    [EnableRateLimiting(RateLimits.AccountRequests)]
    public async Task<IActionResult> Link(string token, CancellationToken ct)
    {
        NoStoreNoReferrer();
        var opened = await mediator.Send(new OpenAccountLink.Query(token), ct);
        if (opened.Failed(out _, out var view))
        {
            return LinkUnusable();
        }

        return View(new SetPasswordViewModel { Purpose = view.Purpose, FullName = view.FullName, Email = view.Email });
    }

    [AllowAnonymous]
    [HttpPost("link/{token}")]
    [EnableRateLimiting(RateLimits.AccountRequests)]
    public async Task<IActionResult> Link(string token, SetPasswordViewModel form, CancellationToken ct)
    {
        NoStoreNoReferrer();
        var result = await mediator.Send(new AcceptAccountLink.Command(token, form.Password, form.ConfirmPassword), ct);
        if (result.Error is { Kind: ErrorKind.NotFound })
        {
            return LinkUnusable();
        }

        if (result.Error is { } error)
        {
            var opened = await mediator.Send(new OpenAccountLink.Query(token), ct);
            if (opened.Failed(out _, out var view))
            {
                return LinkUnusable();
            }

            ModelState.AddErrors(error);
            return View(new SetPasswordViewModel { Purpose = view.Purpose, FullName = view.FullName, Email = view.Email }).Refused();
        }

        return await SignInAfterLinkAsync(result, ct);
    }

    /// <summary>
    /// The emailed link proved the mailbox and the person just chose the password, so they are signed in
    /// (a new account goes on to set up two-factor where its role requires it). An account that already has
    /// two-factor on is not: the link is no second factor, so that person signs in with a code as always.
    /// </summary>
    private async Task<IActionResult> SignInAfterLinkAsync(Result<AcceptAccountLink.Accepted> result, CancellationToken ct)
    {
        if (!result.Failed(out _, out var accepted)
            && await signInManager.UserManager.FindByIdAsync(accepted.UserId) is { } user
            && !await signInManager.UserManager.GetTwoFactorEnabledAsync(user)
            && await signInManager.CanSignInAsync(user))
        {
            await signInManager.SignInAsync(user, isPersistent: false);
            audit.Record("SignedIn", "User", null, $"Account: {accepted.Email}; after setting a password from an emailed link");
            await db.SaveChangesAsync(ct);
            TempData["Flash"] = "Your password is set, and you are signed in.";
            return LocalRedirect(Url.Content("~/"));
        }

        TempData["Flash"] = "Your password is set. Sign in with your email, the new password and a code from your authenticator app.";
        return RedirectToAction(nameof(AccountController.Login), "Account");
    }

    [HttpGet("password")]
    public IActionResult ChangePassword() => View(new ChangePasswordViewModel());

    [HttpPost("password")]
    public async Task<IActionResult> ChangePassword(ChangePasswordViewModel form, CancellationToken ct)
    {
        var result = await mediator.Send(new ChangePassword.Command(form.CurrentPassword, form.NewPassword, form.ConfirmPassword), ct);
        if (result.Error is { } error)
        {
            ModelState.AddErrors(error);
            return View(new ChangePasswordViewModel()).Refused();
        }

        // The password change moved the security stamp; sign this session in again and sign the others out.
        if (await signInManager.UserManager.GetUserAsync(User) is { } user)
        {
            await signInManager.RefreshSignInAsync(user);
        }

        TempData["Flash"] = "Your password is changed.";
        return RedirectToAction(nameof(HomeController.Index), "Home");
    }

    [AllowAnonymous]
    [HttpGet("request-access")]
    public IActionResult RequestAccess() => View(new RequestAccessViewModel());

    [AllowAnonymous]
    [HttpPost("request-access")]
    [EnableRateLimiting(RateLimits.AccountRequests)]
    public async Task<IActionResult> RequestAccess(RequestAccessViewModel form, CancellationToken ct)
    {
        var result = await mediator.Send(new SubmitAccessRequest.Command(form.FullName, form.Practice, form.Npi, form.Email, form.Phone, form.Note), ct);
        if (result.Error is { } error)
        {
            ModelState.AddErrors(error);
            return View(form).Refused();
        }

        return View("RequestAccessSent");
    }

    private ViewResult LinkUnusable()
    {
        return View("LinkUnusable").WithStatusOf(ErrorKind.NotFound);
    }

    private void NoStoreNoReferrer()
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
