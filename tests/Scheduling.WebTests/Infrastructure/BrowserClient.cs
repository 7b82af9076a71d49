using System.Net;

using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

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
        var fields = FormFields(form);
        foreach (var (name, value) in values)
        {
            var index = fields.FindIndex(f => f.Key == name);
            if (index < 0 && form.QuerySelector($"input[type='radio'][name='{name}'], input[type='checkbox'][name='{name}']") is not null)
            {
                // Nothing was checked in this group; the person clicks one now.
                fields.Add(new(name, value));
                continue;
            }

            if (index < 0)
            {
                throw new Xunit.Sdk.XunitException($"The form on {page.Url} has no field '{name}'.");
            }

            fields[index] = new(name, value);
        }

        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? page.Url : new Uri(page.Url, form.GetAttribute("action"));
        Assert.Equal("post", form.Method, ignoreCase: true);
        using var content = new FormUrlEncodedContent(fields);
        var response = await Http.PostAsync(action, content, TestContext.Current.CancellationToken);
        return await ReadAsync(response, followRedirects);
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

    private static List<KeyValuePair<string, string>> FormFields(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            var name = element.GetAttribute("name")!;
            switch (element)
            {
                case IHtmlInputElement input when input.Type is "submit" or "button" or "reset" or "image":
                    continue;
                case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked)
                    {
                        fields.Add(new(name, input.Value));
                    }

                    break;
                case IHtmlInputElement input:
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement textArea:
                    fields.Add(new(name, textArea.Value));
                    break;
                case IHtmlSelectElement select:
                    fields.Add(new(name, select.Value ?? string.Empty));
                    break;
            }
        }

        return fields;
    }

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
