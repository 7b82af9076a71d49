using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

using Scheduling.Application.Features.Referrals;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Referrals;

/// <summary>
/// What a browser sends for the referral pages that <see cref="BrowserClient.SubmitAsync"/> cannot
/// express: the value of the submit button pressed (save draft or submit) and file uploads.
/// </summary>
public static class ReferralForms
{
    private static readonly HtmlParser Parser = new();

    /// <summary>The form fields for the details and questionnaire, named as the form names them.</summary>
    public static Dictionary<string, string> Fields(ReferralDetailsInput details, QuestionnaireInput questionnaire)
    {
        var fields = new Dictionary<string, string>();
        Add(fields, "Details", details);
        Add(fields, "Questionnaire", questionnaire);
        return fields;
    }

    /// <summary>Posts the form with its rendered fields (antiforgery token included), the given values, and the pressed button.</summary>
    public static Task<Page> PressAsync(BrowserClient browser, Page page, IHtmlFormElement form, IReadOnlyDictionary<string, string> values, string buttonName, string buttonValue)
    {
        var button = form.QuerySelectorAll<IHtmlButtonElement>("button[type=submit]")
            .SingleOrDefault(b => b.Name == buttonName && b.Value == buttonValue)
            ?? throw new Xunit.Sdk.XunitException($"The form on {page.Url} has no '{buttonValue}' button.");
        var fields = Collect(page, form, values);
        fields.Add(new(button.Name!, button.Value));
        return PostAsync(browser, page, form, new FormUrlEncodedContent(fields));
    }

    /// <summary>Uploads a file through the page's file form, as a browser would (multipart, with the token).</summary>
    public static Task<Page> UploadAsync(BrowserClient browser, Page page, string fileField, string fileName, byte[] content, string browserContentType = "application/pdf")
    {
        var form = page.FormWithField(fileField);
        Assert.Equal("multipart/form-data", form.Enctype);
        var multipart = new MultipartFormDataContent();
        foreach (var (name, value) in Collect(page, form, new Dictionary<string, string>()))
        {
            multipart.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(browserContentType);
        multipart.Add(file, fileField, fileName);
        return PostAsync(browser, page, form, multipart);
    }

    private static List<KeyValuePair<string, string>> Collect(Page page, IHtmlFormElement form, IReadOnlyDictionary<string, string> values)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            var name = element.GetAttribute("name")!;
            switch (element)
            {
                case IHtmlInputElement input when input.Type is "submit" or "button" or "reset" or "image" or "file":
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

        foreach (var (name, value) in values)
        {
            var index = fields.FindIndex(f => f.Key == name);
            if (index < 0)
            {
                throw new Xunit.Sdk.XunitException($"The form on {page.Url} has no field '{name}'.");
            }

            fields[index] = new(name, value);
        }

        return fields;
    }

    private static async Task<Page> PostAsync(BrowserClient browser, Page page, IHtmlFormElement form, HttpContent content)
    {
        using (content)
        {
            var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? page.Url : new Uri(page.Url, form.GetAttribute("action"));
            var response = await browser.Http.PostAsync(action, content, TestContext.Current.CancellationToken);
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.RedirectMethod)
            {
                var next = new Uri(action, response.Headers.Location!);
                response.Dispose();
                return await browser.GetAsync(next.PathAndQuery);
            }

            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            var result = new Page(response, response.RequestMessage!.RequestUri!, body, await Parser.ParseDocumentAsync(body));
            PageRules.AssertNoInlineScriptOrStyle(result);
            return result;
        }
    }

    private static void Add(Dictionary<string, string> fields, string prefix, object input)
    {
        foreach (var property in input.GetType().GetProperties().Where(p => p.CanWrite && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract"))
        {
            fields[$"{prefix}.{property.Name}"] = property.GetValue(input) switch
            {
                null => string.Empty,
                bool b => b ? "true" : "false",
                DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                decimal m => m.ToString(CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var other => other.ToString() ?? string.Empty,
            };
        }
    }
}
