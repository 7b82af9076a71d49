using System.Net;

using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

using Scheduling.TestSupport.Html;

namespace Scheduling.WebTests.Infrastructure;

/// <summary>
/// Drives the app as a browser does: keeps cookies, follows redirects itself (so tests can also look
/// at them), and submits forms from the page with every field the page rendered, including the real
/// antiforgery token. Every HTML page it receives is checked against <see cref="PageRules"/>.
/// </summary>
public sealed class BrowserClient(HttpClient http) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http { get; } = http;

    public async Task<Page> GetAsync(string url, bool followRedirects = true)
    {
        var response = await Http.GetAsync(url, TestContext.Current.CancellationToken);
        return await ReadAsync(response, followRedirects);
    }

    /// <summary>Fills the named fields of the form (each must exist in it) and submits it.</summary>
    public async Task<Page> SubmitAsync(Page page, IHtmlFormElement form, IReadOnlyDictionary<string, string> values, bool followRedirects = true)
    {
        var fields = HtmlForms.Fill(form, values, page.Url);
        Assert.Equal("post", form.Method, ignoreCase: true);
        return await PostAsync(page, form, new FormUrlEncodedContent(fields), followRedirects);
    }

    /// <summary>Posts content to where the form posts (for what <see cref="SubmitAsync"/> cannot express: a pressed button's value, a file).</summary>
    public async Task<Page> PostAsync(Page page, IHtmlFormElement form, HttpContent content, bool followRedirects = true)
    {
        using (content)
        {
            var response = await Http.PostAsync(HtmlForms.Action(form, page.Url), content, TestContext.Current.CancellationToken);
            return await ReadAsync(response, followRedirects);
        }
    }

    /// <summary>Posts fields without going through a page: what a forged cross-site request would send.</summary>
    public async Task<Page> PostWithoutFormAsync(string url, IReadOnlyDictionary<string, string> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        var response = await Http.PostAsync(url, content, TestContext.Current.CancellationToken);
        return await ReadAsync(response, followRedirects: false);
    }

    public async Task<Page> LoginAsync(string email, string password)
    {
        var login = await GetAsync("/account/login");
        return await SubmitAsync(login, login.FormWithField("Email"), new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
        });
    }

    public Task<Page> LoginAsync(TestUser user) => LoginAsync(user.Email, user.Password);

    public void Dispose() => Http.Dispose();

    private async Task<Page> ReadAsync(HttpResponseMessage response, bool followRedirects)
    {
        for (var hops = 0; followRedirects && IsRedirect(response.StatusCode); hops++)
        {
            if (hops == 5)
            {
                throw new Xunit.Sdk.XunitException($"Too many redirects, last to {response.Headers.Location}.");
            }

            var next = new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);
            response.Dispose();
            response = await Http.GetAsync(next, TestContext.Current.CancellationToken);
        }

        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var document = await Parser.ParseDocumentAsync(body);
        var page = new Page(response, response.RequestMessage!.RequestUri!, body, document);
        if (response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            PageRules.AssertNoInlineScriptOrStyle(page);
        }

        return page;
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.Redirect or HttpStatusCode.RedirectMethod or HttpStatusCode.MovedPermanently
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}
