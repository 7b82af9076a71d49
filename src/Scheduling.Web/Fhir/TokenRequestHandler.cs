using System.Security.Claims;

using Mediator;

using Microsoft.IdentityModel.Tokens;

using OpenIddict.Abstractions;
using OpenIddict.Server;

using Scheduling.Application.Features.Integration;

using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Scheduling.Web.Fhir;

/// <summary>
/// Issues the access token of a client_credentials request that OpenIddict has authenticated: only
/// for a client still in service, and only with scopes it asked for and is allowed (a scope outside
/// its registration is invalid_scope). The token carries the client id and
/// the scopes; who the client acts for is looked up again on every call.
/// </summary>
public sealed class TokenRequestHandler(IMediator mediator) : IOpenIddictServerHandler<HandleTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleTokenRequestContext>()
            .UseScopedHandler<TokenRequestHandler>()
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(HandleTokenRequestContext context)
    {
        if (!context.Request.IsClientCredentialsGrantType())
        {
            return;
        }

        var clientId = context.ClientId ?? context.Request.ClientId;
        var client = clientId is null ? null : await mediator.Send(new FindActiveClient.Query(clientId), context.CancellationToken);
        if (client is null)
        {
            context.Reject(error: Errors.InvalidClient, description: "This client is not registered or is disabled.");
            return;
        }

        var scopes = context.Request.GetScopes();
        if (scopes.IsEmpty)
        {
            context.Reject(error: Errors.InvalidScope, description: "Ask for at least one scope (for example system/ServiceRequest.c).");
            return;
        }

        if (scopes.FirstOrDefault(s => !client.Scopes.Contains(s)) is { } refused)
        {
            context.Reject(error: Errors.InvalidScope, description: $"This client may not use the scope {refused}.");
            return;
        }

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, client.ClientId);
        identity.SetClaim(Claims.Name, client.Name);
        identity.SetScopes(scopes);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        context.SignIn(new ClaimsPrincipal(identity));
    }
}
