using System.Net;
using System.Text;


namespace Scheduling.Application.Features.Messaging;

/// <summary>
/// One template rendered twice: as plain text, and as HTML in which the template and every value are
/// HTML-encoded first (a patient's name or an admin's template text can never inject markup), links
/// become anchors and blank lines paragraphs.
/// </summary>
public sealed record RenderedMessage(string Subject, string Text, string Html)
{
    public static RenderedMessage From(EffectiveTemplate template, IReadOnlyDictionary<string, string> values, IReadOnlyCollection<string> linkPlaceholders)
    {
        // Subjects are header text: a line break in a value must not start a new header line.
        var subject = TemplateText.Render(template.Subject, values).ReplaceLineEndings(" ");
        var text = TemplateText.Render(template.Body, values);

        var encoded = values.ToDictionary(
            kv => kv.Key,
            kv => linkPlaceholders.Contains(kv.Key) && kv.Value.Length > 0
                ? $"<a href=\"{WebUtility.HtmlEncode(kv.Value)}\">{WebUtility.HtmlEncode(kv.Value)}</a>"
                : WebUtility.HtmlEncode(kv.Value));
        var htmlText = TemplateText.Render(WebUtility.HtmlEncode(template.Body), encoded);

        var html = new StringBuilder("<!DOCTYPE html><html><body>");
        foreach (var paragraph in htmlText.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            html.Append("<p>").Append(paragraph.Trim().Replace("\n", "<br>\n", StringComparison.Ordinal)).Append("</p>\n");
        }

        html.Append("</body></html>");
        return new RenderedMessage(subject, text, html.ToString());
    }
}
