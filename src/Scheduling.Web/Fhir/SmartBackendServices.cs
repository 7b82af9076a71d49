using System.Security.Claims;
using System.Threading.RateLimiting;

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

using OpenIddict.Server;
using OpenIddict.Validation.AspNetCore;

using Scheduling.Domain.Integration;
using Scheduling.Infrastructure;

namespace Scheduling.Web.Fhir;

/// <summary>
/// SMART Backend Services for the FHIR API: OpenIddict issues short-lived access tokens at
/// <see cref="TokenPath"/> for the client_credentials grant to clients that prove themselves with a
/// signed JWT (private_key_jwt, RS384 or ES384); the FHIR routes accept only those tokens (scheme
/// <see cref="Scheme"/>), each route requiring one SMART scope (<see cref="SmartScopes"/>), rate
/// limited per client. Tokens are protected with ASP.NET Core Data Protection, whose keys already live
/// in the database, so every instance accepts the tokens any instance issued.
/// </summary>
public static class SmartBackendServices
{
    public const string Scheme = "SmartBackendServices";
    public const string TokenPath = "/auth/token";
    public const string RateLimitPolicy = "fhir-client";

    /// <summary>Claim holding one granted scope each (the principal's, after the client's current scopes are applied).</summary>
    public const string ScopeClaim = "scope";

    public const string ClientIdClaim = "client_id";

    public static IServiceCollection AddSmartBackendServices(this IServiceCollection services, IConfiguration configuration)
    {
        // Registered (and checked at start) by SettingsSections; read here while composing.
        var fhir = InvalidSettingsException.Bind<FhirOptions>(configuration, FhirOptions.SectionName);

        services.AddOpenIddict()
            .AddServer(server =>
            {
                server.SetTokenEndpointUris(TokenPath.TrimStart('/'));
                server.AllowClientCredentialsFlow();
                server.SetAccessTokenLifetime(TimeSpan.FromMinutes(fhir.AccessTokenMinutes));
                server.RegisterScopes([.. SmartScopes.All.Select(s => s.Scope)]);

                // Which scopes a client may use is the IntegrationClient's list, checked by
                // TokenRequestHandler (invalid_scope, as SMART expects), not a second copy in OpenIddict.
                server.IgnoreScopePermissions();

                // No refresh tokens, no authorizations: a backend client signs a new assertion when
                // its token runs out, so nothing needs to be stored per token.
                server.DisableTokenStorage();
                server.DisableAuthorizationStorage();

                // Access tokens are Data Protection payloads (keys in the database, shared by every
                // instance). OpenIddict still insists on signing and encryption keys for the JWTs it
                // would otherwise issue; ephemeral ones protect nothing here.
                server.UseDataProtection();
                server.AddEphemeralSigningKey();
                server.AddEphemeralEncryptionKey();

                // Plain http is refused before this (ProxyAndTls) outside Development and tests.
                server.UseAspNetCore().DisableTransportSecurityRequirement();

                server.AddEventHandler(SmartAssertionType.Descriptor);
                server.AddEventHandler(ClientAssertionRules.Descriptor);
                server.AddEventHandler(TokenRequestHandler.Descriptor);
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.UseDataProtection();
                validation.UseAspNetCore();
            });

        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, SmartClientAuthenticationHandler>(Scheme, null);
        return services;
    }

    /// <summary>One policy per scope, named by the scope, accepting only this API's bearer tokens.</summary>
    public static void AddScopePolicies(Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        foreach (var (scope, _) in SmartScopes.All)
        {
            options.AddPolicy(scope, policy => policy
                .AddAuthenticationSchemes(Scheme)
                .RequireAuthenticatedUser()
                .RequireClaim(ScopeClaim, scope));
        }
    }

    /// <summary>Per client (the token's client id), per instance; anonymous FHIR calls share their address's bucket.</summary>
    public static void AddRateLimit(RateLimiterOptions options) =>
        options.AddPolicy(RateLimitPolicy, context =>
        {
            var fhir = context.RequestServices.GetRequiredService<FhirOptions>();
            var key = context.User.FindFirstValue(ClientIdClaim) is { } clientId
                ? "client:" + clientId
                : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return RateLimitPartition.GetFixedWindowLimiter($"{RateLimitPolicy}:{key}", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = fhir.RequestsPerMinutePerClient,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
        });
}
