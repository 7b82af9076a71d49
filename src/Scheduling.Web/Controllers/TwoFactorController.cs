using System.Text;

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

using QRCoder;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Infrastructure.Identity;
using Scheduling.Infrastructure.Persistence;
using Scheduling.Web.Models.Accounts;
using Scheduling.Web.Security;

namespace Scheduling.Web.Controllers;

/// <summary>
/// Two-factor for the signed-in user (TOTP through Identity's authenticator support): set up with the
/// key as text or a QR code drawn here (no outside service), confirm with a code, recovery codes shown
/// once, turn off with the password. Every change is audited; each one also changes the security
/// stamp, which ends the user's other sessions, and this session is re-issued so it continues.
/// </summary>
[Route("account/two-factor")]
public sealed class TwoFactorController(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signInManager,
    TwoFactorPolicy policy,
    IAuditLog audit,
    ApplicationDbContext db) : Controller
{
    public const int RecoveryCodeCount = 10;
    private const string Issuer = "TACE Scheduling";

    [HttpGet("")]
    public async Task<IActionResult> Index() => View(await StatusAsync(await CurrentUserAsync()));

    [HttpGet("enrol")]
    public async Task<IActionResult> Enrol()
    {
        var user = await CurrentUserAsync();
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToAction(nameof(Index));
        }

        return View(await EnrolModelAsync(user, new EnrolViewModel()));
    }

    /// <summary>Creates (or replaces) the shared key; a POST because it changes the account.</summary>
    [HttpPost("enrol/key")]
    public async Task<IActionResult> CreateKey()
    {
        var user = await CurrentUserAsync();
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToAction(nameof(Index));
        }

        Ensure(await users.ResetAuthenticatorKeyAsync(user));
        await signInManager.RefreshSignInAsync(user);
        await AuditAsync("TwoFactorKeyCreated", user);
        return RedirectToAction(nameof(Enrol));
    }

    [HttpPost("enrol")]
    public async Task<IActionResult> Enrol(EnrolViewModel model)
    {
        var user = await CurrentUserAsync();
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToAction(nameof(Index));
        }

        if (await users.GetAuthenticatorKeyAsync(user) is null)
        {
            return RedirectToAction(nameof(Enrol));
        }

        if (ModelState.IsValid && !await users.VerifyTwoFactorTokenAsync(
                user, users.Options.Tokens.AuthenticatorTokenProvider, TwoFactorSignInController.NormalizeCode(model.Code)))
        {
            ModelState.AddModelError(nameof(model.Code), "That code does not match. Check the time on your phone and enter the code your app shows now.");
        }

        if (!ModelState.IsValid)
        {
            model.Code = string.Empty;
            return View(await EnrolModelAsync(user, model)).Refused();
        }

        Ensure(await users.SetTwoFactorEnabledAsync(user, true));
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
        await signInManager.RefreshSignInAsync(user);
        await AuditAsync("TwoFactorEnabled", user);
        return RecoveryCodesPage(codes, "Two-factor is on");
    }

    /// <summary>The QR code of the key being set up, as a PNG from this app. Never once two-factor is on.</summary>
    [HttpGet("qr")]
    public async Task<IActionResult> Qr()
    {
        var user = await CurrentUserAsync();
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (key is null || await users.GetTwoFactorEnabledAsync(user))
        {
            return NotFound();
        }

        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(AuthenticatorUri(user.Email ?? user.UserName ?? user.Id, key), QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        Response.Headers.CacheControl = "no-store";
        return File(png, "image/png");
    }

    [HttpPost("disable")]
    public async Task<IActionResult> Disable([Bind(Prefix = "Disable")] PasswordConfirmationViewModel model)
    {
        var user = await CurrentUserAsync();
        if (policy.IsRequiredFor(User))
        {
            TempData["Flash"] = "Two-factor is required for your role and cannot be turned off.";
            return RedirectToAction(nameof(Index));
        }

        if (await PasswordProblemAsync(user, model.Password) is { } problem)
        {
            return await StatusWithErrorAsync(user, "Disable.Password", problem);
        }

        Ensure(await users.SetTwoFactorEnabledAsync(user, false));
        // A later set-up starts from a new key; the old one (and any copy of its QR code) is dead.
        Ensure(await users.ResetAuthenticatorKeyAsync(user));
        await signInManager.RefreshSignInAsync(user);
        await AuditAsync("TwoFactorDisabled", user);
        TempData["Flash"] = "Two-factor is off.";
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("recovery-codes")]
    public async Task<IActionResult> NewRecoveryCodes([Bind(Prefix = "Codes")] PasswordConfirmationViewModel model)
    {
        var user = await CurrentUserAsync();
        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToAction(nameof(Index));
        }

        if (await PasswordProblemAsync(user, model.Password) is { } problem)
        {
            return await StatusWithErrorAsync(user, "Codes.Password", problem);
        }

        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
        await AuditAsync("TwoFactorRecoveryCodesReplaced", user);
        return RecoveryCodesPage(codes, "New recovery codes");
    }

    /// <summary>"abcd efgh ..." as authenticator apps expect it typed.</summary>
    internal static string FormatKey(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return text.ToString().TrimEnd().ToLowerInvariant();
    }

    private static string AuthenticatorUri(string account, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(account)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";

    private ViewResult RecoveryCodesPage(IReadOnlyList<string> codes, string title)
    {
        // Shown once, in the response to the POST that made them; never cached.
        Response.Headers.CacheControl = "no-store";
        ViewData["Title"] = title;
        return View("RecoveryCodes", new RecoveryCodesViewModel(codes));
    }

    private async Task<string?> PasswordProblemAsync(ApplicationUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return "Enter your password to confirm.";
        }

        if (await users.CheckPasswordAsync(user, password))
        {
            return null;
        }

        await users.AccessFailedAsync(user);
        await AuditAsync("TwoFactorChangeRefused", user, "wrong password");
        return "The password is incorrect; nothing was changed.";
    }

    private async Task<TwoFactorStatusViewModel> StatusAsync(ApplicationUser user)
    {
        var enabled = await users.GetTwoFactorEnabledAsync(user);
        return new TwoFactorStatusViewModel
        {
            Enabled = enabled,
            RecoveryCodesLeft = enabled ? await users.CountRecoveryCodesAsync(user) : 0,
            Required = policy.IsRequiredFor(User),
        };
    }

    private async Task<IActionResult> StatusWithErrorAsync(ApplicationUser user, string field, string message)
    {
        ModelState.Clear();
        ModelState.AddModelError(field, message);
        return View(nameof(Index), await StatusAsync(user)).Refused();
    }

    private async Task<EnrolViewModel> EnrolModelAsync(ApplicationUser user, EnrolViewModel model)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        model.SharedKey = key is null ? null : FormatKey(key);
        model.Required = policy.IsRequiredFor(User);
        return model;
    }

    private async Task<ApplicationUser> CurrentUserAsync() =>
        await users.GetUserAsync(User) ?? throw new InvalidOperationException("A signed-in request has no account.");

    private async Task AuditAsync(string action, ApplicationUser user, string? details = null)
    {
        audit.Record(action, "User", null, $"Account: {user.Email}" + (details is null ? string.Empty : "; " + details));
        await db.SaveChangesAsync(HttpContext.RequestAborted);
    }

    private static void Ensure(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
