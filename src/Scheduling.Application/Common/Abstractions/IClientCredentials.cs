namespace Scheduling.Application.Common.Abstractions;

/// <summary>
/// The token server's own record of a system client (OpenIddict's application store underneath):
/// its client id and public keys (its scopes are the <c>IntegrationClient</c>'s, checked when a token is
/// asked for). It works on the same DbContext, so it saves inside the command's transaction, together
/// with the <c>IntegrationClient</c> the use cases keep.
/// </summary>
public interface IClientCredentials
{
    /// <summary>Creates the client's credentials, or replaces its keys if they exist.</summary>
    Task SaveAsync(string clientId, string displayName, string keySetJson, CancellationToken cancellationToken);
}
