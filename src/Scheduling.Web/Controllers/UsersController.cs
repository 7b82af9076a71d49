using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Accounts;
using Scheduling.Domain.Accounts;
using Scheduling.Web.Models;
using Scheduling.Web.Models.Accounts;
using Scheduling.Web.Security;

namespace Scheduling.Web.Controllers;

/// <summary>Staff and doctor accounts, for administrators. Nobody here ever sees or sets a password.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/users")]
public sealed class UsersController(IMediator mediator, ClinicDisplay format) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? role, AccountStatus? status, CancellationToken ct)
    {
        var filterRole = role is not null && Roles.IsKnown(role) ? role : null;
        var result = await mediator.Send(new ListAccounts.Query(filterRole, status), ct);
        if (result.Failed(out var error, out var accounts))
        {
            return this.ErrorPage(error);
        }

        var rows = accounts
            .Select(a => new UserRow(a.UserId, a.FullName, a.Email, AccountDisplay.Roles(a.Roles), AccountDisplay.Status(a.Status), a.TwoFactorEnabled, When(a.LastSignInAtUtc)))
            .ToList();
        return View(new UsersIndexViewModel(rows, filterRole, status));
    }

    [HttpGet("new")]
    public IActionResult New() => View(new NewUserViewModel());

    [HttpPost("new")]
    public async Task<IActionResult> Create(NewUserViewModel form, CancellationToken ct)
    {
        var result = await mediator.Send(
            new InviteAccount.Command(form.FullName, form.Email, form.Roles, form.PracticeName, form.PracticePhone, form.Npi), ct);
        if (result.Failed(out var error, out var userId))
        {
            ModelState.AddErrors(error);
            return View("New", form).Refused();
        }

        TempData["Flash"] = $"Account created for {form.Email!.Trim()}. The invitation email is on its way.";
        return RedirectToAction(nameof(Show), new { id = userId });
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Show(string id, CancellationToken ct)
    {
        var result = await mediator.Send(new GetAccount.Query(id), ct);
        return this.Render(result, account => View(new UserDetailsViewModel(account, When(account.LastSignInAtUtc), account.Roles)));
    }

    [HttpPost("{id:guid}/roles")]
    public async Task<IActionResult> ChangeRoles(string id, List<string>? roles, CancellationToken ct)
    {
        var result = await mediator.Send(new ChangeAccountRoles.Command(id, roles ?? []), ct);
        if (result.Error is { } error)
        {
            var found = await mediator.Send(new GetAccount.Query(id), ct);
            if (error.Kind == ErrorKind.NotFound || found.Failed(out _, out var account))
            {
                return NotFound();
            }

            ModelState.AddErrors(error);
            return View("Show", new UserDetailsViewModel(account, When(account.LastSignInAtUtc), roles ?? [])).WithStatusOf(error);
        }

        TempData["Flash"] = "Roles saved.";
        return RedirectToAction(nameof(Show), new { id });
    }

    [HttpPost("{id:guid}/deactivate")]
    public Task<IActionResult> Deactivate(string id, CancellationToken ct) =>
        Act(id, new SetAccountActive.Command(id, Active: false), "Account deactivated: every session of it has ended.", ct);

    [HttpPost("{id:guid}/reactivate")]
    public Task<IActionResult> Reactivate(string id, CancellationToken ct) =>
        Act(id, new SetAccountActive.Command(id, Active: true), "Account reactivated.", ct);

    [HttpPost("{id:guid}/unlock")]
    public Task<IActionResult> Unlock(string id, CancellationToken ct) =>
        Act(id, new UnlockAccount.Command(id), "Account unlocked.", ct);

    [HttpPost("{id:guid}/resend-invitation")]
    public Task<IActionResult> ResendInvitation(string id, CancellationToken ct) =>
        Act(id, new SendAccountLink.Command(id, AccountLinkPurpose.Invitation), "A new invitation is on its way; earlier invitation links no longer work.", ct);

    [HttpPost("{id:guid}/send-password-reset")]
    public Task<IActionResult> SendPasswordReset(string id, CancellationToken ct) =>
        Act(id, new SendAccountLink.Command(id, AccountLinkPurpose.PasswordReset), "A password-reset email is on its way.", ct);

    [HttpPost("{id:guid}/reset-two-factor")]
    public async Task<IActionResult> ResetTwoFactor(string id, [Bind(Prefix = "Reset")] ResetTwoFactorForm form, CancellationToken ct)
    {
        var result = await mediator.Send(new Application.Features.Accounts.ResetTwoFactor.Command(id, form.Reason, form.YourCode), ct);
        if (result.Error is { } error)
        {
            var found = await mediator.Send(new GetAccount.Query(id), ct);
            if (error.Kind == ErrorKind.NotFound || found.Failed(out _, out var account))
            {
                return NotFound();
            }

            ModelState.AddErrors(error, "Reset.");
            // A one-time code is never shown back: the input would take the posted value from ModelState
            // over the model, so the posted value goes (its error stays beside the field).
            form.YourCode = null;
            ModelState.SetModelValue("Reset.YourCode", rawValue: null, attemptedValue: null);
            return View("Show", new UserDetailsViewModel(account, When(account.LastSignInAtUtc), account.Roles) { Reset = form }).WithStatusOf(error);
        }

        TempData["Flash"] = "Two-factor reset: every session of this person has ended, and they set two-factor up again at their next sign-in.";
        return RedirectToAction(nameof(Show), new { id });
    }

    private async Task<IActionResult> Act(string id, ICommand<Result> command, string done, CancellationToken ct)
    {
        var result = await mediator.Send(command, ct);
        if (result.Error is { } error)
        {
            return this.ErrorPage(error);
        }

        TempData["Flash"] = done;
        return RedirectToAction(nameof(Show), new { id });
    }

    private string When(DateTime? utc) => utc is { } value ? format.FromUtcWithZone(value) : "Never";
}
