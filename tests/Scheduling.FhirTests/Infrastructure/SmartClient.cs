using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;

using Hl7.Fhir.Rest;

using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Scheduling.FhirTests.Infrastructure;

/// <summary>
/// A hospital system as SMART Backend Services has it: a client id and a private key. It signs
/// client assertions (the claims a test may spoil one by one), asks for tokens over HTTP, and talks
/// FHIR through Firely's FhirClient with the token as its bearer.
/// </summary>
public sealed class SmartClient(FhirServer server, string clientId, string keyId, AsymmetricAlgorithm key, string doctorUserId, Guid registrationId)
{
    private static readonly HttpClient Http = new(new TlsProxyHandler { InnerHandler = new HttpClientHandler() }) { Timeout = TimeSpan.FromMinutes(2) };

    public string ClientId { get; } = clientId;

    public string KeyId { get; } = keyId;

    public AsymmetricAlgorithm Key { get; } = key;

    public string DoctorUserId { get; } = doctorUserId;

    public Guid RegistrationId { get; } = registrationId;

    public FhirServer Server { get; } = server;

    /// <summary>A client assertion; every part can be spoiled for a test (another key, an old expiry...).</summary>
    public string Assertion(
        DateTime? expires = null,
        string? audience = null,
        string? jti = null,
        AsymmetricAlgorithm? signWith = null,
        string? keyId = null,
        string? algorithm = null,
        string? issuer = null)
    {
        var signer = signWith ?? Key;
        SecurityKey securityKey = signer switch
        {
            RSA rsa => new RsaSecurityKey(rsa) { KeyId = keyId ?? KeyId },
            ECDsa ec => new ECDsaSecurityKey(ec) { KeyId = keyId ?? KeyId },
            _ => throw new InvalidOperationException(),
        };
        var now = Server.Clock.GetUtcNow().UtcDateTime;
        var exp = expires ?? now.AddMinutes(4);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? ClientId,
            Audience = audience ?? Server.TokenEndpoint,
            Expires = exp,
            IssuedAt = exp.AddMinutes(-5) < now ? exp.AddMinutes(-5) : now,
            NotBefore = null,
            Subject = new ClaimsIdentity([new Claim("sub", issuer ?? ClientId), new Claim("jti", jti ?? Guid.NewGuid().ToString("N"))]),
            SigningCredentials = new SigningCredentials(securityKey, algorithm ?? (signer is RSA ? "RS384" : "ES384")),
        });
    }

    /// <summary>The token endpoint's answer to a client_credentials request with this assertion.</summary>
    public async Task<TokenResponse> RequestTokenAsync(string scope, string? assertion = null)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["scope"] = scope,
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion ?? Assertion(),
        });
        using var response = await Http.PostAsync(Server.TokenEndpoint, content);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return new TokenResponse(response.StatusCode, json);
    }

    public async Task<string> TokenAsync(string scope)
    {
        var token = await RequestTokenAsync(scope);
        Assert.True(token.Status == HttpStatusCode.OK, $"Token refused: {token.Json}");
        return token.AccessToken!;
    }

    /// <summary>Firely's FhirClient against the server, sending <paramref name="accessToken"/> as its bearer.</summary>
    public FhirClient Fhir(string? accessToken) => Connect(Server, accessToken);

    public static FhirClient Connect(FhirServer server, string? accessToken)
    {
        var http = new HttpClient(new BearerHandler(accessToken) { InnerHandler = new TlsProxyHandler { InnerHandler = new HttpClientHandler() } }) { Timeout = TimeSpan.FromMinutes(2) };
        return new FhirClient(server.FhirBase, http, new FhirClientSettings
        {
            PreferredFormat = ResourceFormat.Json,
            VerifyFhirVersion = false,
            ReturnPreference = ReturnPreference.Representation,
        });
    }

    /// <summary>A raw call with this bearer (for what FhirClient has no method for, or to see the exact status).</summary>
    public static async Task<(HttpStatusCode Status, string ContentType, string Body)> SendAsync(HttpMethod method, string url, string? accessToken, string? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        request.Headers.Accept.ParseAdd("application/fhir+json");
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/fhir+json");
        }

        using var response = await Http.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? string.Empty, await response.Content.ReadAsStringAsync());
    }

    private sealed class BearerHandler(string? token) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}

public sealed record TokenResponse(HttpStatusCode Status, JsonElement Json)
{
    public string? AccessToken => Json.TryGetProperty("access_token", out var token) ? token.GetString() : null;

    public string? Error => Json.TryGetProperty("error", out var error) ? error.GetString() : null;

    public string? Description => Json.TryGetProperty("error_description", out var description) ? description.GetString() : null;
}
