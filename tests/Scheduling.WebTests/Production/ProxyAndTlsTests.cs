using System.Net;

using Scheduling.TestSupport.Databases;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Production;

/// <summary>
/// Which addresses' forwarded headers the app believes: a configured Network:KnownProxies address, and
/// never an address it was not told about. (The real proxy in front of the app, Caddy with the
/// repository's Caddyfile, is tested in <see cref="CaddyInFrontTests"/>; here a test header sets the
/// peer address so that addresses that are not loopback can be played.)
/// </summary>
public sealed class ProxyAndTlsTests : IAsyncLifetime
{
    private const string ConfiguredProxy = "10.20.30.40";
    private const string UntrustedPeer = "198.51.100.20";
    private SchedulingWebFactory? _factory;

    public async ValueTask InitializeAsync() =>
        _factory = await WebApp.StartAsync(SqliteTestDatabase.Create(), builder =>
        {
            PeerAddress.Install(builder);
            builder.UseSetting("Network:KnownProxies:0", ConfiguredProxy);
            builder.UseSetting("RateLimits:PatientLinkPerMinute", "2");
        });

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            await _factory.Database.DisposeAsync();
        }
    }

    [Fact]
    public async Task ForwardedHttpsFromAConfiguredProxyAddress_IsBelieved_SecureCookiesAndOneYearHsts()
    {
        var response = await SendAsync("/account/login", ConfiguredProxy, forwardedFor: "203.0.113.7", forwardedProto: "https");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, cookie => Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ForwardedHttpsFromAnUntrustedAddress_IsIgnored_AndPlainHttpIsRefused()
    {
        var response = await SendAsync("/account/login", UntrustedPeer, forwardedFor: "203.0.113.7", forwardedProto: "https");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("https only", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task ForwardedForFromAnUntrustedAddress_IsIgnored_OneBucketForThatAddress()
    {
        var first = await PatientLinkStatusesAsync(UntrustedPeer, "203.0.113.21", 2);
        var claimedOther = await PatientLinkStatusesAsync(UntrustedPeer, "203.0.113.22", 1);

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, first);
        Assert.Equal(HttpStatusCode.TooManyRequests, Assert.Single(claimedOther));
    }

    private async Task<List<HttpStatusCode>> PatientLinkStatusesAsync(string peer, string forwardedFor, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            // Over https on the client's side, so only the rate limiter can refuse.
            using var response = await SendAsync("/p/not-a-real-token", peer, forwardedFor, forwardedProto: "https", baseAddress: "https://tace.clinic.example");
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string peer, string? forwardedFor, string? forwardedProto, string baseAddress = "http://tace.clinic.example")
    {
        // Not localhost: HSTS is never sent to localhost, and a clinic's host name is not one.
        using var client = _factory!.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = false,
            BaseAddress = new Uri(baseAddress),
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(PeerAddress.Header, peer);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
