using System.Net;

using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Scheduling.WebTests.Infrastructure;

/// <summary>A response as a person's browser would have it: status, headers, final address and parsed HTML.</summary>
public sealed class Page(HttpResponseMessage response, Uri url, string body, IHtmlDocument document)
{
    public HttpResponseMessage Response { get; } = response;

    public HttpStatusCode Status => Response.StatusCode;

    public Uri Url { get; } = url;

    public string Body { get; } = body;

    public IHtmlDocument Document { get; } = document;

    /// <summary>The form that has a field with this name (forms are found by what they ask for, not by position).</summary>
    public IHtmlFormElement FormWithField(string fieldName)
    {
        var forms = Document.QuerySelectorAll<IHtmlFormElement>("form")
            .Where(f => f.QuerySelector($"[name='{fieldName}']") is not null)
            .ToList();
        return forms.Count switch
        {
            1 => forms[0],
            0 => throw new Xunit.Sdk.XunitException($"No form on {Url} has a field named '{fieldName}'."),
            _ => throw new Xunit.Sdk.XunitException($"{forms.Count} forms on {Url} have a field named '{fieldName}'."),
        };
    }

    /// <summary>The form that posts to this path (for forms that are only a button).</summary>
    public IHtmlFormElement FormPostingTo(string path)
    {
        var forms = Document.QuerySelectorAll<IHtmlFormElement>("form")
            .Where(f => string.Equals(f.GetAttribute("action"), path, StringComparison.OrdinalIgnoreCase))
            .ToList();
        return forms.Count == 1
            ? forms[0]
            : throw new Xunit.Sdk.XunitException($"{forms.Count} forms on {Url} post to '{path}'.");
    }

    /// <summary>The validation message shown beside a field (the span MVC renders for it).</summary>
    public string FieldMessage(string fieldName)
    {
        var input = Document.QuerySelector($"[name='{fieldName}']")
            ?? throw new Xunit.Sdk.XunitException($"No field '{fieldName}' on {Url}.");
        var span = input.ParentElement?.QuerySelector($"[data-valmsg-for='{fieldName}']")
            ?? throw new Xunit.Sdk.XunitException($"No validation message element beside '{fieldName}' on {Url}.");
        return span.TextContent.Trim();
    }

    public override string ToString() => $"{(int)Status} {Url}";
}
