using System.Text.RegularExpressions;

namespace Scheduling.Application.Features.Messaging;

/// <summary>
/// The tiny template language of message texts: {{Name}} placeholders, nothing else, so an admin
/// cannot break an email with syntax and no template can run code.
/// </summary>
public static partial class TemplateText
{
    public static string Render(string template, IReadOnlyDictionary<string, string> values)
    {
        var rendered = Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : string.Empty);

        // A placeholder that rendered empty (e.g. no premedication) must not leave blank-line holes.
        return BlankRuns().Replace(rendered.Replace("\r\n", "\n", StringComparison.Ordinal), "\n\n").Trim();
    }

    public static IReadOnlyList<string> UnknownPlaceholders(string template, IEnumerable<string> allowed)
    {
        var known = allowed.ToHashSet(StringComparer.Ordinal);
        return Placeholder().Matches(template).Select(m => m.Groups[1].Value).Where(n => !known.Contains(n)).Distinct().ToList();
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\n[ \t]*(\n[ \t]*){2,}")]
    private static partial Regex BlankRuns();
}
