using System.Net;

using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Security;

public sealed class SecurityHeadersTests(WebApp app)
{
    [Theory]
    [InlineData("/account/login")]
    [InlineData("/admin/rooms")]
    [InlineData("/health")]
    [InlineData("/no-such-page")]
    public async Task Response_CarriesStrictSecurityHeaders(string url)
    {
        using var browser = app.CreateClient();
        await browser.LoginAsync(app.Admin);

        var page = await browser.GetAsync(url, followRedirects: false);

        var headers = page.Response.Headers;
        var csp = Assert.Single(headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task PagesAPersonVisits_HaveNoInlineScriptStyleOrHandlers()
    {
        // BrowserClient checks every HTML page it receives; this walks the pages that exist today.
        using var browser = app.CreateClient();
        var visited = new List<Page>
        {
            await browser.GetAsync("/account/login"),
            await browser.LoginAsync("nobody@clinic.test", "wrong password!!"),
            await browser.LoginAsync(app.Admin),
            await browser.GetAsync("/admin/rooms"),
            await browser.GetAsync("/account/access-denied"),
            await browser.GetAsync("/no-such-page"),
        };

        Assert.All(visited, page => Assert.Equal("text/html", page.Response.Content.Headers.ContentType?.MediaType));
        Assert.Contains(visited, page => page.Status == HttpStatusCode.NotFound);
        Assert.All(visited, PageRules.AssertNoInlineScriptOrStyle);
    }
}
