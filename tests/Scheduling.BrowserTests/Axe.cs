using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

using Microsoft.Playwright;

namespace Scheduling.BrowserTests;

/// <summary>axe-core on the page as it is now: WCAG 2.0 and 2.1, levels A and AA; each violation as one line naming where.</summary>
public static class Axe
{
    private static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    public static async Task<IEnumerable<string>> ViolationsAsync(IPage page, string where)
    {
        ArgumentNullException.ThrowIfNull(page);
        var result = await page.RunAxe(WcagAa);
        return result.Violations.SelectMany(v => v.Nodes.Select(n => $"{where} ({page.Url}): {v.Id}: {v.Help} at {n.Target} {n.Html}"));
    }
}
