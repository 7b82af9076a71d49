using Microsoft.IdentityModel.Tokens;

using OpenIddict.Abstractions;

using Scheduling.Application.Common.Abstractions;

using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Scheduling.Infrastructure.Integration;

/// <summary>
/// A system client as OpenIddict's token endpoint needs it: confidential, authenticating with a signed
/// assertion (no secret at all), allowed only the client_credentials grant at the token endpoint. Its
/// scopes are checked by the token request handler against the IntegrationClient (one list, not two).
/// Saved through OpenIddict's store on the application's DbContext.
/// </summary>
internal sealed class OpenIddictClientCredentials(IOpenIddictApplicationManager applications) : IClientCredentials
{
    public async Task SaveAsync(string clientId, string displayName, string keySetJson, CancellationToken cancellationToken)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientType = ClientTypes.Confidential,
            DisplayName = displayName,
            JsonWebKeySet = new JsonWebKeySet(keySetJson),
        };
        descriptor.Permissions.Add(Permissions.Endpoints.Token);
        descriptor.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
        if (await applications.FindByClientIdAsync(clientId, cancellationToken) is { } existing)
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
        else
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
    }
}
