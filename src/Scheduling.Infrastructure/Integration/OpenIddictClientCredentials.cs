using Microsoft.IdentityModel.Tokens;

using OpenIddict.Abstractions;

using Scheduling.Application.Common.Abstractions;

using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Scheduling.Infrastructure.Integration;

/// <summary>
/// A system client as OpenIddict's token endpoint needs it: confidential, authenticating with a signed
/// assertion (no secret at all), allowed only the client_credentials grant at the token endpoint and
/// only its scopes. Saved through OpenIddict's store on the application's DbContext.
/// </summary>
internal sealed class OpenIddictClientCredentials(IOpenIddictApplicationManager applications) : IClientCredentials
{
    public async Task SaveAsync(string clientId, string displayName, string keySetJson, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken)
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
        foreach (var scope in scopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

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
