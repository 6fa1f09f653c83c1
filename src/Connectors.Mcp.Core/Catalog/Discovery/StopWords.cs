using System.Collections.Frozen;

namespace Connectors.Mcp.Core.Catalog.Discovery;

/// <summary>
/// English function words that say nothing about which tool a request needs ("what's on my calendar" searches for
/// <c>calendar</c>). Words that do say something stay searchable even when common: <c>all</c> (reply all), <c>new</c>,
/// <c>get</c>, <c>who</c>, <c>when</c>, <c>where</c>, <c>next</c>.
/// </summary>
internal static class StopWords
{
    private static readonly FrozenSet<string> Words = new[]
    {
        "a", "about", "above", "after", "again", "against", "am", "an", "and", "any", "are", "as", "at", "be", "been",
        "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "done",
        "down", "during", "each", "either", "else", "etc", "few", "for", "from", "further", "had", "has", "have", "having",
        "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its",
        "itself", "just", "let", "lets", "me", "might", "mine", "more", "most", "must", "my", "myself", "no", "nor", "not",
        "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own",
        "please", "same", "shall", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them",
        "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up",
        "upon", "us", "very", "via", "was", "we", "were", "what", "whats", "which", "while", "whom", "why", "will", "with",
        "would", "yet", "you", "your", "yours", "yourself", "yourselves", "eg", "ie", "ll", "re", "ve",
        "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "cant", "couldnt", "wont", "wouldnt", "im", "ive", "youre",
        "thats", "theres", "whos",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool Contains(string word) => Words.Contains(word);
}
