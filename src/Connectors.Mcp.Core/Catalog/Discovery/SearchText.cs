using System.Text;

namespace Connectors.Mcp.Core.Catalog.Discovery;

/// <summary>
/// Turns text (a request, or a tool's name, title, description or schema) into search terms, the same way for both:
/// lower-case; words are runs of letters and digits (anything else separates them, so <c>send_email</c> is two words;
/// an apostrophe inside a word is dropped, so <c>Anna's</c> is <c>annas</c>); words of one character, numbers and
/// words longer than <see cref="MaxWordLength"/> are dropped; a clock time such as <c>3pm</c> is the word
/// <c>time</c>; then <see cref="StopWords"/> are dropped and the rest stemmed by <see cref="SuffixStemmer"/>.
/// </summary>
internal static class SearchText
{
    /// <summary>Longer "words" are identifiers, hashes or garbage; no request names a tool by one.</summary>
    public const int MaxWordLength = 40;

    public static List<string> Terms(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (c is '\'' or '\u2019' && word.Length > 0)
            {
                continue;
            }
            else
            {
                Flush(word, terms);
            }
        }

        Flush(word, terms);
        return terms;
    }

    private static void Flush(StringBuilder word, List<string> terms)
    {
        if (word.Length == 0)
        {
            return;
        }

        var text = word.ToString();
        word.Clear();
        if (text.Length < 2 || text.Length > MaxWordLength || text.All(char.IsDigit))
        {
            return;
        }

        if (IsClockTime(text))
        {
            text = "time";
        }

        if (!StopWords.Contains(text))
        {
            terms.Add(SuffixStemmer.Stem(text));
        }
    }

    /// <summary>One or two digits then am or pm: <c>3pm</c>, <c>10am</c>.</summary>
    private static bool IsClockTime(string word) =>
        word.Length is >= 3 and <= 4
        && (word.EndsWith("am", StringComparison.Ordinal) || word.EndsWith("pm", StringComparison.Ordinal))
        && word[..^2].All(char.IsDigit);
}
