using System.Globalization;

using Scheduling.Application.Common.Lists;

namespace Scheduling.Web.Models;

/// <summary>
/// The count and the page links under a paged list (Views/Shared/_Pager): "Showing 51–100 of 1,000
/// referrals", Previous, the first and last page, the pages around this one, Next.
/// </summary>
/// <param name="Label">The navigation's accessible name, e.g. "Pages of the review queue".</param>
/// <param name="Noun">What the list holds, plural ("referrals").</param>
/// <param name="OneNoun">The same, singular ("referral").</param>
/// <param name="UrlFor">The link to a page number, keeping the list's filters.</param>
public sealed record Pager(PagePosition Position, string Label, string Noun, string OneNoun, Func<int, string?> UrlFor)
{
    /// <summary>How many pages either side of this one get a link of their own.</summary>
    private const int Around = 2;

    public string Summary => Position.Total switch
    {
        0 => $"No {Noun}",
        1 => $"1 {OneNoun}",
        _ => string.Create(CultureInfo.CurrentCulture, $"Showing {Position.FirstItem:N0}–{Position.LastItem:N0} of {Position.Total:N0} {Noun}"),
    };

    /// <summary>Page numbers to link, in order; null where pages are left out ("…").</summary>
    public IReadOnlyList<int?> Pages
    {
        get
        {
            var pages = new List<int?>();
            var last = Position.LastPage;
            for (var page = 1; page <= last; page++)
            {
                if (page == 1 || page == last || Math.Abs(page - Position.Number) <= Around)
                {
                    pages.Add(page);
                }
                else if (pages[^1] is not null)
                {
                    pages.Add(null);
                }
            }

            return pages;
        }
    }
}
