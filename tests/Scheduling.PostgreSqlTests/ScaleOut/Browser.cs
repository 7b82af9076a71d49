using System.Net;

using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

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
        _http = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            Timeout = TimeSpan.FromMinutes(2),
        };
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
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name: { Length: > 0 } name } input when input.Type is "radio" or "checkbox":
                    if (input.IsChecked)
                    {
                        fields.Add(new(name, input.Value));
                    }

                    break;
                case IHtmlInputElement { Name: { Length: > 0 } name } input when input.Type != "submit":
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement { Name: { Length: > 0 } name } area:
                    fields.Add(new(name, area.Value));
                    break;
                case IHtmlSelectElement { Name: { Length: > 0 } name } select:
                    fields.Add(new(name, select.Value ?? string.Empty));
                    break;
            }
        }

        foreach (var (name, value) in values)
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }

        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? page.Url : new Uri(page.Url, form.GetAttribute("action"));
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
