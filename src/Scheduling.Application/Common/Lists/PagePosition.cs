namespace Scheduling.Application.Common.Lists;

/// <summary>
/// Where one page sits in a list of <see cref="Total"/> items: which page (1-based), how many per
/// page, and the items it holds ("Showing 51–100 of 1,000"). A page past the end is the last page,
/// so an old link after the list shrank still shows rows instead of an empty page or an error.
/// </summary>
public sealed record PagePosition
{
    private PagePosition(int number, int size, int total)
    {
        Number = number;
        Size = size;
        Total = total;
    }

    /// <summary>The page asked for, moved into 1..last; an empty list has one (empty) page.</summary>
    public static PagePosition Of(int requested, int size, int total)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        var last = Math.Max(1, (int)(((long)total + size - 1) / size));
        return new PagePosition(Math.Clamp(requested, 1, last), size, total);
    }

    public int Number { get; }

    public int Size { get; }

    public int Total { get; }

    public int LastPage => Math.Max(1, (int)(((long)Total + Size - 1) / Size));

    /// <summary>How many items come before this page (the query's Skip).</summary>
    public int Skip => (Number - 1) * Size;

    /// <summary>1-based number of the first item on the page; 0 when the list is empty.</summary>
    public int FirstItem => Total == 0 ? 0 : Skip + 1;

    public int LastItem => Math.Min(Total, Skip + Size);

    public bool HasPrevious => Number > 1;

    public bool HasNext => Number < LastPage;
}
