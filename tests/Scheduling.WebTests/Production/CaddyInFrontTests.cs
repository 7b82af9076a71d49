using System.Net;

using Microsoft.Data.Sqlite;

using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Production;

/// <summary>
/// The app in Production behind the repository's own Caddyfile (the one both compose files mount, with
/// Caddy's internal TLS), on loopback, as a clinic's browser meets it: redirected from plain http,
/// signed in over https with Secure cookies and HSTS, its own address (not the proxy's) reaching the
/// app and its rate limiter; at the host's root and under a sub-path.
/// </summary>
public sealed class CaddyInFrontTests
{
    private const string AdminEmail = "it@clinic.example";
    private const string AdminPassword = "a long bootstrap passphrase";

    [Theory]
    [InlineData("")]
    [InlineData("/tace")]
    public async Task ThroughCaddy_PlainHttpRedirects_SignInGetsSecureCookiesAndHsts_AndTheClientsOwnAddressReachesTheApp(string pathBase)
    {
        Assert.SkipWhen(CaddyProxy.Executable is null, "Debian's caddy is not installed (.ci/run installs it).");
        var cancellation = TestContext.Current.CancellationToken;
        await using var app = await AppServer.StartAsync(ProductionSettings.For(pathBase, new()
        {
            ["Bootstrap__AdminEmail"] = AdminEmail,
            ["Bootstrap__AdminPassword"] = AdminPassword,
            ["RateLimits__PatientLinkPerMinute"] = "2",
        }), cancellation);
        await using var caddy = await CaddyProxy.StartAsync($"127.0.0.1:{app.Port}", null, cancellation);

        // Plain http: Caddy's redirect to the same address over https.
        var first = IPAddress.Parse("127.0.0.2");
        using (var plain = caddy.CreateClient(first))
        {
            using var redirect = await plain.GetAsync(new Uri(caddy.HttpBase, pathBase + "/account/login"), cancellation);
            Assert.Equal(HttpStatusCode.PermanentRedirect, redirect.StatusCode);
            var location = redirect.Headers.Location!;
            Assert.Equal((Uri.UriSchemeHttps, CaddyProxy.PublicHost, pathBase + "/account/login"), (location.Scheme, location.Host, location.PathAndQuery));

            // Caddy names the https port only when it is not 443 (which it is behind compose's published ports).
            Assert.Contains(location.Port, new[] { 443, caddy.HttpsPort });
        }

        // Sign in over https: every cookie Secure (and scoped to the sub-path), HSTS for a year.
        using var browser = new BrowserClient(caddy.CreateClient(first));
        var login = await browser.GetAsync(pathBase + "/account/login");
        Assert.Equal(HttpStatusCode.OK, login.Status);
        Assert.Equal("max-age=31536000", Assert.Single(login.Response.Headers.GetValues("Strict-Transport-Security")));
        AssertSecureCookies(login.Response, pathBase, "tace.af");

        var signedIn = await browser.SubmitAsync(login, login.FormWithField("Email"), new Dictionary<string, string>
        {
            ["Email"] = AdminEmail,
            ["Password"] = AdminPassword,
        }, followRedirects: false);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        AssertSecureCookies(signedIn.Response, pathBase, "tace.auth");
        Assert.StartsWith(pathBase + "/", signedIn.Response.Headers.Location!.OriginalString, StringComparison.Ordinal);

        // Production asks an administrator to set up two-factor first: the session works through the proxy.
        var next = await browser.GetAsync(new Uri(caddy.HttpsBase, signedIn.Response.Headers.Location).ToString());
        Assert.Equal(HttpStatusCode.OK, next.Status);
        Assert.Equal(pathBase + "/account/two-factor/enrol", next.Url.AbsolutePath);

        // The app stored the client's own address with the session, not the proxy's.
        Assert.Equal(["127.0.0.2"], await SessionAddressesAsync(app));

        // The rate limiter counts per client: 127.0.0.2 runs out, 127.0.0.3 is still served. (Patients
        // have no session: the signed-in administrator would be sent to set up two-factor first.)
        using var patient = caddy.CreateClient(first);
        using var second = caddy.CreateClient(IPAddress.Parse("127.0.0.3"));
        Assert.True(await RunsOutOfPatientLinkRequestsAsync(patient, pathBase), "127.0.0.2 was never refused with 429.");
        using var other = await second.GetAsync(pathBase + "/p/not-a-real-token", cancellation);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    private static void AssertSecureCookies(HttpResponseMessage response, string pathBase, string expected)
    {
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith(expected + "=", StringComparison.Ordinal));
        Assert.All(cookies, cookie =>
        {
            Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; path=" + (pathBase.Length > 0 ? pathBase : "/"), cookie, StringComparison.OrdinalIgnoreCase);
        });
    }

    /// <summary>Patient-link requests (limit 2 a minute) until one is refused; false when none is within 6.</summary>
    private static async Task<bool> RunsOutOfPatientLinkRequestsAsync(HttpClient client, string pathBase)
    {
        for (var i = 0; i < 6; i++)
        {
            using var response = await client.GetAsync(pathBase + "/p/not-a-real-token", TestContext.Current.CancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<List<string>> SessionAddressesAsync(AppServer app)
    {
        var file = Path.Combine(app.DataFolder, "scheduling.db");
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ClientAddress FROM UserSessions;";
        var addresses = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            addresses.Add(reader.GetString(0));
        }

        return addresses;
    }
}
