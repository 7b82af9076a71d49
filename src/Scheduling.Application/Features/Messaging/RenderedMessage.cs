using System.Net;
using System.Text;

namespace Scheduling.Application.Features.Messaging;

/// <summary>
/// One template rendered twice, with the same facts: as plain text, and as an HTML page made for a
/// phone first (viewport, one column at most 600 px wide, 16 px text, the link as a real button at
/// least 44 px tall with the address under it, colours set for light and dark mode). The template and
/// every value are HTML-encoded first, so a patient's name or an admin's template text can never
/// inject markup; blank lines make paragraphs. Both parts carry the clinic's brand and footer.
/// </summary>
public sealed record RenderedMessage(string Subject, string Text, string Html)
{
    // Stands in for the link while the paragraphs are built, so the HTML can put a button there.
    private const string LinkMark = "\u0001link\u0001";

    /// <param name="linkPlaceholders">
    /// The placeholders that hold links: the first one the template uses becomes the button, any other
    /// one a plain link.
    /// </param>
    public static RenderedMessage From(EffectiveTemplate template, IReadOnlyDictionary<string, string> values, IReadOnlyList<string> linkPlaceholders, EmailFrame frame)
    {
        // Subjects are header text: a line break in a value must not start a new header line.
        var subject = TemplateText.Render(template.Subject, values).ReplaceLineEndings(" ");
        var body = TemplateText.Render(template.Body, values);
        var text = new StringBuilder()
            .Append(frame.Brand).Append("\n\n")
            .Append(body).Append("\n\n-- \n")
            .Append(string.Join("\n", frame.Footer.Select(l => l.ReplaceLineEndings("\n"))))
            .ToString();

        var linkPlaceholder = linkPlaceholders.FirstOrDefault(p =>
            values.TryGetValue(p, out var url) && url.Length > 0 && template.Body.Contains("{{" + p + "}}", StringComparison.Ordinal));
        var link = linkPlaceholder is null ? null : values[linkPlaceholder];
        var encoded = values.ToDictionary(
            kv => kv.Key,
            kv => kv.Key == linkPlaceholder ? LinkMark
                : linkPlaceholders.Contains(kv.Key) && kv.Value.Length > 0 ? $"<a href=\"{WebUtility.HtmlEncode(kv.Value)}\">{WebUtility.HtmlEncode(kv.Value)}</a>"
                : WebUtility.HtmlEncode(kv.Value));
        var htmlText = TemplateText.Render(WebUtility.HtmlEncode(template.Body), encoded);

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(WebUtility.HtmlEncode(frame.Language)).Append("\">\n");
        html.Append("""
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <meta name="supported-color-schemes" content="light dark">
            <meta name="x-apple-disable-message-reformatting">
            """);
        html.Append("<title>").Append(WebUtility.HtmlEncode(subject)).Append("</title>\n");
        html.Append(Style);
        html.Append("</head>\n<body class=\"email\">\n");
        html.Append("<div class=\"page\" role=\"article\" aria-label=\"").Append(WebUtility.HtmlEncode(subject)).Append("\">\n");
        html.Append("<p class=\"brand\">").Append(WebUtility.HtmlEncode(frame.Brand)).Append("</p>\n");
        foreach (var paragraph in htmlText.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            AppendParagraph(html, paragraph.Trim(), link, linkPlaceholder, frame);
        }

        html.Append("<div class=\"footer\">\n");
        foreach (var line in frame.Footer)
        {
            html.Append("<p>").Append(WebUtility.HtmlEncode(line).ReplaceLineEndings("<br>\n")).Append("</p>\n");
        }

        html.Append("</div>\n</div>\n</body>\n</html>\n");
        return new RenderedMessage(subject, text, html.ToString());
    }

    private static void AppendParagraph(StringBuilder html, string paragraph, string? link, string? linkPlaceholder, EmailFrame frame)
    {
        var at = link is null ? -1 : paragraph.IndexOf(LinkMark, StringComparison.Ordinal);
        if (at < 0)
        {
            html.Append("<p>").Append(Lines(paragraph)).Append("</p>\n");
            return;
        }

        var before = paragraph[..at].Trim();
        var after = paragraph[(at + LinkMark.Length)..].Trim();
        if (before.Length > 0)
        {
            html.Append("<p>").Append(Lines(before)).Append("</p>\n");
        }

        var href = WebUtility.HtmlEncode(link);
        html.Append("<p class=\"action\"><a class=\"button\" href=\"").Append(href).Append("\">")
            .Append(WebUtility.HtmlEncode(frame.ButtonFor(linkPlaceholder!))).Append("</a></p>\n");
        html.Append("<p class=\"fallback\">").Append(WebUtility.HtmlEncode(frame.LinkFallback)).Append("<br><a href=\"")
            .Append(href).Append("\">").Append(href).Append("</a></p>\n");
        if (after.Length > 0)
        {
            html.Append("<p>").Append(Lines(after)).Append("</p>\n");
        }
    }

    private static string Lines(string text) => text.Replace("\n", "<br>\n", StringComparison.Ordinal);

    // Light colours by default (some mail apps ignore the media query), dark ones where the reader
    // asked for them; every pair is above 4.5:1, and the button keeps its own colours either way.
    private const string Style = """
        <style>
        :root { color-scheme: light dark; supported-color-schemes: light dark; }
        body.email { margin: 0; padding: 0; background: #f3f4f6; color: #1f2328; font-family: -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; font-size: 16px; line-height: 1.5; -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        .page { box-sizing: border-box; width: 100%; max-width: 600px; margin: 0 auto; padding: 24px 20px; background: #ffffff; color: #1f2328; overflow-wrap: anywhere; }
        .brand { margin: 0 0 20px; font-size: 20px; font-weight: 700; color: #0b3d6e; }
        p { margin: 0 0 16px; }
        a { color: #0b57a4; }
        .action { margin: 24px 0 8px; }
        a.button { display: inline-block; min-height: 48px; box-sizing: border-box; padding: 13px 24px; border-radius: 8px; background: #0b57a4; color: #ffffff; font-size: 17px; font-weight: 600; line-height: 22px; text-decoration: none; }
        .fallback { font-size: 14px; color: #4b5360; }
        .fallback a { color: #0b57a4; word-break: break-all; }
        .footer { margin-top: 32px; padding-top: 16px; border-top: 1px solid #d0d4da; font-size: 14px; color: #4b5360; }
        .footer p { margin: 0 0 4px; }
        @media (prefers-color-scheme: dark) {
          body.email { background: #111418 !important; color: #e6e8eb !important; }
          .page { background: #1b1f24 !important; color: #e6e8eb !important; }
          .brand { color: #9cc7ff !important; }
          a, .fallback a { color: #9cc7ff !important; }
          a.button { background: #9cc7ff !important; color: #0b1a2b !important; }
          .fallback, .footer { color: #b8bec6 !important; border-color: #3a4049 !important; }
        }
        </style>

        """;
}
