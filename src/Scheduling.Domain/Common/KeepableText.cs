namespace Scheduling.Domain.Common;

/// <summary>
/// Text the practice keeps: no control characters but tab and line breaks, and no U+FFFD, which stands
/// in for a character that could not be read (the web forms put it where a control character was, so
/// the person sees where). Such characters arrive with text copied out of other programs; PostgreSQL
/// cannot store a NUL at all, and the others are invisible on every page and email.
/// </summary>
public static class KeepableText
{
    public const char Placeholder = '\uFFFD';

    public const string Message =
        "This text has a character that cannot be kept, shown here as \uFFFD: an invisible control character that often comes with text copied from another program. Delete it and send again.";

    public static bool IsKeepable(string? text) => text is null || text.AsSpan().IndexOfAny(Unkeepable) < 0;

    /// <summary>A character this text may not hold.</summary>
    public static bool IsUnkeepable(char c) => c == Placeholder || (char.IsControl(c) && c is not ('\t' or '\n' or '\r'));

    private static readonly System.Buffers.SearchValues<char> Unkeepable = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0x10000).Select(i => (char)i).Where(IsUnkeepable)]);
}
