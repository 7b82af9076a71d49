using System.Security.Claims;
using System.Text.Encodings.Web;

using Mediator;

using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Integration;
using Scheduling.Domain.Integration;

namespace Scheduling.Web.Fhir;

/// <summary>
/// Turns a valid access token into the client's principal for this call. The token says which client
/// and which scopes; the client's current registration decides whether it still may act (not
/// disabled, its doctor's account in service) and which of those scopes it still holds. The principal
/// acts as the referring doctor's account (so every per-record rule of a referring doctor applies)
/// and is named after the client (so the audit trail names the system, not the doctor). A token with
/// the appointment-writing scope also carries <see cref="Roles.IntegrationBooking"/>: it may hold,
/// book and cancel, for that doctor's referrals only.
/// </summary>
public sealed class SmartClientAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IMediator mediator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = await Context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        if (token.None)
        {
            return AuthenticateResult.NoResult();
        }

        if (!token.Succeeded || token.Principal.GetClaim(OpenIddictConstants.Claims.Subject) is not { } clientId)
        {
            return AuthenticateResult.Fail("The access token is not valid (expired, or not issued by this server).");
        }

        var client = await mediator.Send(new FindActiveClient.Query(clientId), Context.RequestAborted);
        if (client is null)
        {
            return AuthenticateResult.Fail("The client is disabled or no longer registered.");
        }

        var identity = new ClaimsIdentity(Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, client.DoctorUserId));
        identity.AddClaim(new Claim(ClaimTypes.Name, client.AuditName));
        identity.AddClaim(new Claim(ClaimTypes.Role, Roles.ReferringPhysician));
        identity.AddClaim(new Claim(SmartBackendServices.ClientIdClaim, client.ClientId));
        foreach (var scope in token.Principal.GetScopes().Intersect(client.Scopes, StringComparer.Ordinal))
        {
            identity.AddClaim(new Claim(SmartBackendServices.ScopeClaim, scope));
            if (scope == SmartScopes.AppointmentWrite)
            {
                // Holds, books and cancels for its doctor's referrals (BookingRules.MayBookFor), nothing else of the clinic's.
                identity.AddClaim(new Claim(ClaimTypes.Role, Roles.IntegrationBooking));
            }
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        return Task.CompletedTask;
    }
}
