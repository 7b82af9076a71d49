using System.Net.Http.Headers;

using AngleSharp.Dom;
using AngleSharp.Html.Dom;

using Scheduling.Application.Features.Referrals;
using Scheduling.TestSupport.Html;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Referrals;

/// <summary>
/// What a browser sends for the referral pages that <see cref="BrowserClient.SubmitAsync"/> cannot
/// express: the value of the submit button pressed (save draft or submit) and file uploads.
/// </summary>
public static class ReferralForms
{
    /// <summary>The form fields for the details and questionnaire, named as the form names them.</summary>
    public static Dictionary<string, string> Fields(ReferralDetailsInput details, QuestionnaireInput questionnaire)
    {
        var fields = HtmlForms.FieldsOf("Details", details);
        foreach (var (name, value) in HtmlForms.FieldsOf("Questionnaire", questionnaire))
        {
            fields[name] = value;
        }

        return fields;
    }

    /// <summary>Posts the form with its rendered fields (antiforgery token included), the given values, and the pressed button.</summary>
    public static Task<Page> PressAsync(BrowserClient browser, Page page, IHtmlFormElement form, IReadOnlyDictionary<string, string> values, string buttonName, string buttonValue)
    {
        var button = form.QuerySelectorAll<IHtmlButtonElement>("button[type=submit]")
            .SingleOrDefault(b => b.Name == buttonName && b.Value == buttonValue)
            ?? throw new Xunit.Sdk.XunitException($"The form on {page.Url} has no '{buttonValue}' button.");
        var fields = HtmlForms.Fill(form, values, page.Url);
        fields.Add(new(button.Name!, button.Value));
        return browser.PostAsync(page, form, new FormUrlEncodedContent(fields));
    }

    /// <summary>Uploads a file through the page's file form, as a browser would (multipart, with the token).</summary>
    public static Task<Page> UploadAsync(BrowserClient browser, Page page, string fileField, string fileName, byte[] content, string browserContentType = "application/pdf")
    {
        var form = page.FormWithField(fileField);
        Assert.Equal("multipart/form-data", form.Enctype);
        var multipart = new MultipartFormDataContent();
        foreach (var (name, value) in HtmlForms.Fields(form))
        {
            multipart.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(browserContentType);
        multipart.Add(file, fileField, fileName);
        return browser.PostAsync(page, form, multipart);
    }
}
