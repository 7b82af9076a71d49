using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Accounts;
using Scheduling.Application.Features.Integration;
using Scheduling.Web.Fhir;
using Scheduling.Web.Models.Integration;
using Scheduling.Web.Security;

namespace Scheduling.Web.Controllers;

/// <summary>
/// Admin → Hospital systems: the systems allowed to call the FHIR API (SMART Backend Services), each
/// acting for one referring doctor; register one with its public key, disable or enable it, replace its key.
/// </summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/integrations")]
public sealed class IntegrationClientsController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public Task<IActionResult> Index(CancellationToken ct) => IndexView(new NewClientForm(), ct);

    [HttpPost("")]
    public async Task<IActionResult> Register([Bind(Prefix = "NewClient")] NewClientForm form, CancellationToken ct)
    {
        var result = await mediator.Send(new RegisterClient.Command(form.Name, form.DoctorUserId, form.Scopes, form.PublicKey), ct);
        if (result.Failed(out var error, out var registered))
        {
            ModelState.AddErrors(error, prefix: "NewClient.");
            return (await IndexView(form, ct)).Refused();
        }

        TempData["Flash"] = $"\"{form.Name!.Trim()}\" registered. Give its integration team the client id {registered.ClientId} "
            + $"and the key id{(registered.KeyIds.Count == 1 ? string.Empty : "s")} {string.Join(", ", registered.KeyIds)} (the kid of their assertions).";
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{id:guid}/disable")]
    public Task<IActionResult> Disable(Guid id, CancellationToken ct) => SetActive(id, active: false, ct);

    [HttpPost("{id:guid}/enable")]
    public Task<IActionResult> Enable(Guid id, CancellationToken ct) => SetActive(id, active: true, ct);

    [HttpGet("{id:guid}/key")]
    public Task<IActionResult> Key(Guid id, CancellationToken ct) => KeyView(id, new RotateKeyForm(), ct);

    [HttpPost("{id:guid}/key")]
    public async Task<IActionResult> RotateKey(Guid id, [Bind(Prefix = "Form")] RotateKeyForm form, CancellationToken ct)
    {
        var result = await mediator.Send(new RotateClientKey.Command(id, form.PublicKey), ct);
        if (result.Failed(out var error, out var keyIds))
        {
            if (error.Kind != Application.Common.Results.ErrorKind.Validation)
            {
                return this.ErrorPage(error);
            }

            ModelState.AddErrors(error, prefix: "Form.");
            return (await KeyView(id, form, ct)).Refused();
        }

        TempData["Flash"] = $"Key replaced. Assertions must now be signed with key id {string.Join(", ", keyIds)}; the old key no longer gets a token.";
        return RedirectToAction(nameof(Index));
    }

    private async Task<IActionResult> SetActive(Guid id, bool active, CancellationToken ct)
    {
        var result = await mediator.Send(new SetClientActive.Command(id, active), ct);
        if (result.Error is { } error)
        {
            return this.ErrorPage(error);
        }

        TempData["Flash"] = active
            ? "System enabled: it can get tokens again."
            : "System disabled: it gets no token, and the tokens it holds stop working at its next call.";
        return RedirectToAction(nameof(Index));
    }

    private async Task<IActionResult> IndexView(NewClientForm form, CancellationToken ct)
    {
        if ((await mediator.Send(new ListClients.Query(), ct)).Failed(out var error, out var clients))
        {
            return this.ErrorPage(error);
        }

        if ((await mediator.Send(new ListAccounts.Query(Roles.ReferringPhysician, null), ct)).Failed(out error, out var doctors))
        {
            return this.ErrorPage(error);
        }

        var site = $"{Request.Scheme}://{Request.Host}{Request.PathBase}";
        return View("Index", new IntegrationClientsViewModel(
            clients,
            doctors.Where(d => d.Status != AccountStatus.Deactivated).OrderBy(d => d.FullName, StringComparer.CurrentCulture).ToList(),
            form,
            site + SmartBackendServices.TokenPath,
            site + FhirPipeline.BasePath));
    }

    private async Task<IActionResult> KeyView(Guid id, RotateKeyForm form, CancellationToken ct)
    {
        if ((await mediator.Send(new ListClients.Query(), ct)).Failed(out var error, out var clients))
        {
            return this.ErrorPage(error);
        }

        return clients.FirstOrDefault(c => c.Id == id) is { } client
            ? View("Key", new RotateKeyViewModel(client, form))
            : NotFound();
    }
}
