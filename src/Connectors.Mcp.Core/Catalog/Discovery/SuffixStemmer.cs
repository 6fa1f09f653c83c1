namespace Connectors.Mcp.Core.Catalog.Discovery;

/// <summary>
/// A light English suffix stemmer for tool search: it folds the forms a request and a tool description use for the same
/// word onto one stem, and does no more. Steps, in order, on a lower-case word:
/// <list type="number">
/// <item>plural: <c>-ies</c>/<c>-ied</c> → <c>-y</c> (replies, replied → reply); <c>-sses</c> → <c>-ss</c>;
/// <c>-es</c> after s, x, z, ch, sh (boxes → box); else <c>-s</c>, but not after s, u or i (address, status, this).</item>
/// <item><c>-ing</c> and <c>-ed</c>, when a stem of at least three letters with a vowel remains (meeting → meet,
/// booked → book; need, string stay), then a doubled final consonant other than l, s, z is undoubled (stopped → stop).</item>
/// <item>a final <c>-e</c> of a word longer than three letters (schedule, scheduled, scheduling → schedul).</item>
/// </list>
/// The stems are not words; they only have to agree with each other.
/// </summary>
internal static class SuffixStemmer
{
    private static readonly char[] Vowels = ['a', 'e', 'i', 'o', 'u', 'y'];

    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length <= 3)
        {
            return word;
        }

        var stem = StripPlural(word);
        stem = StripVerbEnding(stem);
        if (stem.Length > 3 && stem[^1] == 'e')
        {
            stem = stem[..^1];
        }

        return stem;
    }

    private static string StripPlural(string word)
    {
        if (word.Length > 4 && (word.EndsWith("ies", StringComparison.Ordinal) || word.EndsWith("ied", StringComparison.Ordinal)))
        {
            return word[..^3] + "y";
        }

        if (word.EndsWith("sses", StringComparison.Ordinal))
        {
            return word[..^2];
        }

        if (word.EndsWith("es", StringComparison.Ordinal) && word.Length > 4
            && (word[^3] is 's' or 'x' or 'z' || word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal)))
        {
            return word[..^2];
        }

        if (word[^1] == 's' && word[^2] is not ('s' or 'u' or 'i'))
        {
            return word[..^1];
        }

        return word;
    }

    private static string StripVerbEnding(string word)
    {
        foreach (var ending in (ReadOnlySpan<string>)["ing", "ed"])
        {
            if (!word.EndsWith(ending, StringComparison.Ordinal))
            {
                continue;
            }

            var stem = word[..^ending.Length];
            if (stem.Length < 3 || stem.IndexOfAny(Vowels) < 0)
            {
                return word;
            }

            return stem[^1] == stem[^2] && !IsVowel(stem[^1]) && stem[^1] is not ('l' or 's' or 'z') ? stem[..^1] : stem;
        }

        return word;
    }

    private static bool IsVowel(char c) => Array.IndexOf(Vowels, c) >= 0;
}
