using System.Text.RegularExpressions;

namespace Scheduling.UnitTests.Languages;

/// <summary>
/// The Flesch–Kincaid grade level: 0.39 × (words / sentences) + 11.8 × (syllables / words) − 15.59.
/// Sentences end at ".", "!" or "?" and at every line break (a list item or a heading is a unit of its
/// own). Words are tokens with a letter in them; links and numbers are not words. Syllables are counted
/// with the usual English heuristic (vowel groups, a silent final "e", "-es" and "-ed" endings), which
/// is what readability tools do; it is an estimate, as every FK score is.
/// </summary>
public static partial class Readability
{
    public static double FleschKincaidGrade(string text)
    {
        var sentences = Sentences(text);
        var words = sentences.SelectMany(Words).ToList();
        if (words.Count == 0)
        {
            return 0;
        }

        var syllables = words.Sum(Syllables);
        return (0.39 * words.Count / sentences.Count) + (11.8 * syllables / words.Count) - 15.59;
    }

    public static IReadOnlyList<string> Sentences(string text) =>
        SentenceBreak().Split(text).Where(s => Letter().IsMatch(s)).ToList();

    public static IEnumerable<string> Words(string sentence) =>
        sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(w => Letter().IsMatch(w) && !w.Contains("://", StringComparison.Ordinal));

    public static int Syllables(string word)
    {
        var letters = NotLetter().Replace(word.ToLowerInvariant(), string.Empty);
        if (letters.Length == 0)
        {
            return 0;
        }

        if (letters.Length <= 3)
        {
            return 1;
        }

        letters = SilentEnding().Replace(letters, string.Empty);
        letters = LeadingY().Replace(letters, string.Empty);
        return Math.Max(1, VowelGroup().Matches(letters).Count);
    }

    [GeneratedRegex(@"(?<=[.!?])\s+|\n+")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex("[A-Za-z]")]
    private static partial Regex Letter();

    [GeneratedRegex("[^a-z]")]
    private static partial Regex NotLetter();

    [GeneratedRegex("(?:[^laeiouy]es|ed|[^laeiouy]e)$")]
    private static partial Regex SilentEnding();

    [GeneratedRegex("^y")]
    private static partial Regex LeadingY();

    [GeneratedRegex("[aeiouy]{1,2}")]
    private static partial Regex VowelGroup();
}
