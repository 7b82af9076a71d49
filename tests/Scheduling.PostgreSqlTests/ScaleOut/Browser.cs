using System.Net;

using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

using Scheduling.TestSupport.Html;

namespace Scheduling.PostgreSqlTests.ScaleOut;

/// <summary>
/// A person's browser against one or more instances: one cookie jar, pages parsed so forms are
/// submitted with the fields (antiforgery token included) the server rendered.
/// </summary>
public sealed class Browser : IDisposable
{
    private static readonly HtmlParser Parser = new();

    private readonly HttpClient _http;

    public Browser(CookieContainer? cookies = null)
    {
        Cookies = cookies ?? new CookieContainer();
        _http = new HttpClient(new AsIfBehindTlsProxy(Cookies))
        {
            Timeout = TimeSpan.FromMinutes(2),
        };
    }

    /// <summary>
    /// The instances answer only https outside Development, with Secure cookies, as behind the clinic's
    /// TLS proxy. This client is that proxy: every request says X-Forwarded-Proto: https (loopback is a
    /// trusted proxy), and the jar keeps and returns cookies under the https form of each address.
    /// </summary>
    private sealed class AsIfBehindTlsProxy(CookieContainer cookies)
        : DelegatingHandler(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var asHttps = new UriBuilder(request.RequestUri!) { Scheme = Uri.UriSchemeHttps }.Uri;
            request.Headers.Add("X-Forwarded-Proto", "https");
            var header = cookies.GetCookieHeader(asHttps);
            if (header.Length > 0)
            {
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies)
                {
                    cookies.SetCookies(asHttps, setCookie);
                }
            }

            return response;
        }
    }

    /// <summary>The cookie jar; cookies of 127.0.0.1 are sent to every port of it, as browsers do.</summary>
    public CookieContainer Cookies { get; }

    public async Task<HtmlPage> GetAsync(Uri url, bool followRedirects = true)
    {
        var response = await _http.GetAsync(url, TestContext.Current.CancellationToken);
        return await ReadAsync(url, response, followRedirects);
    }

    /// <summary>Submits the form holding <paramref name="fieldName"/> with the given values, to <paramref name="target"/>'s instance when set.</summary>
    public async Task<HtmlPage> SubmitAsync(HtmlPage page, string fieldName, IReadOnlyDictionary<string, string> values, bool followRedirects = true, Uri? target = null)
    {
        var form = page.FormWithField(fieldName);
        var fields = HtmlForms.Fill(form, values, page.Url);
        var action = HtmlForms.Action(form, page.Url);
        if (target is not null)
        {
            action = new Uri(target, action.PathAndQuery);
        }

        using var content = new FormUrlEncodedContent(fields);
        var response = await _http.PostAsync(action, content, TestContext.Current.CancellationToken);
        return await ReadAsync(action, response, followRedirects);
    }

    public async Task<HtmlPage> SignInAsync(Uri instance, string email, string password)
    {
        var login = await GetAsync(new Uri(instance, "account/login"));
        var page = await SubmitAsync(login, "Email", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
        Assert.True(page.Url.AbsolutePath != "/account/login", $"Signing in as {email} on {instance} failed: {(int)page.Status}.");
        return page;
    }

    public void Dispose() => _http.Dispose();

    private async Task<HtmlPage> ReadAsync(Uri url, HttpResponseMessage response, bool followRedirects)
    {
        using (response)
        {
            if (followRedirects && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found
                && response.Headers.Location is { } location)
            {
                return await GetAsync(new Uri(url, location));
            }

            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            return new HtmlPage(response.StatusCode, url, response.Headers.Location, body, Parser.ParseDocument(body));
        }
    }
}

public sealed record HtmlPage(HttpStatusCode Status, Uri Url, Uri? Location, string Body, IHtmlDocument Document)
{
    public IHtmlFormElement FormWithField(string fieldName) =>
        Document.Forms.FirstOrDefault(f => f.Elements.Any(e => e.GetAttribute("name") == fieldName))
        ?? throw new Xunit.Sdk.XunitException($"{(int)Status} {Url} has no form with a field '{fieldName}'.");

    public string AlertText => Document.QuerySelector("[role='alert']")?.TextContent ?? string.Empty;
}
