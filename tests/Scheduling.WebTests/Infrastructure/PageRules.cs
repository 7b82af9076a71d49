namespace Scheduling.WebTests.Infrastructure;

/// <summary>
/// Rules every page keeps. The CSP has no 'unsafe-inline', so inline script, style attributes,
/// style elements and on* handlers would be blocked in a real browser: the page would look or
/// work differently there than in these tests.
/// </summary>
public static class PageRules
{
    public static void AssertNoInlineScriptOrStyle(Page page)
    {
        var problems = new List<string>();
        foreach (var script in page.Document.QuerySelectorAll("script:not([src])"))
        {
            if (!string.IsNullOrWhiteSpace(script.TextContent))
            {
                problems.Add($"inline <script>: {Shorten(script.TextContent)}");
            }
        }

        foreach (var element in page.Document.QuerySelectorAll("[style]"))
        {
            problems.Add($"style attribute on <{element.LocalName}>: {Shorten(element.GetAttribute("style"))}");
        }

        foreach (var style in page.Document.QuerySelectorAll("style"))
        {
            problems.Add($"<style> element: {Shorten(style.TextContent)}");
        }

        foreach (var element in page.Document.All)
        {
            foreach (var attribute in element.Attributes.Where(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add($"event handler attribute {attribute.Name} on <{element.LocalName}>");
            }
        }

        Assert.True(problems.Count == 0, $"{page.Url} breaks the CSP rules:\n" + string.Join("\n", problems));
    }

    /// <summary>Every visible form control has a &lt;label for&gt; naming its id (screen readers, click targets).</summary>
    public static void AssertEveryInputIsLabelled(Page page)
    {
        var controls = page.Document.QuerySelectorAll("input, select, textarea")
            .Where(e => e.GetAttribute("type") is not ("hidden" or "submit" or "button" or "reset" or "image"))
            .ToList();
        Assert.NotEmpty(controls);
        foreach (var control in controls)
        {
            var id = control.Id;
            Assert.False(string.IsNullOrEmpty(id), $"<{control.LocalName} name=\"{control.GetAttribute("name")}\"> on {page.Url} has no id.");
            var label = page.Document.QuerySelectorAll("label").FirstOrDefault(l => l.GetAttribute("for") == id);
            Assert.True(label is not null, $"No <label for=\"{id}\"> on {page.Url}.");
            Assert.False(string.IsNullOrWhiteSpace(label.TextContent), $"<label for=\"{id}\"> on {page.Url} is empty.");
        }
    }

    private static string Shorten(string? text)
    {
        var flat = (text ?? string.Empty).ReplaceLineEndings(" ").Trim();
        return flat.Length <= 80 ? flat : flat[..80] + "...";
    }
}
