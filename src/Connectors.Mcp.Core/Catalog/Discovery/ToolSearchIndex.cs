namespace Connectors.Mcp.Core.Catalog.Discovery;

/// <summary>
/// Ranks a catalog's tools for a natural-language request ("archive that email"), for discovery mode's
/// <c>search_tools</c>. BM25F (k1 = <see cref="K1"/>, b = <see cref="B"/>) over each tool's name split on <c>_</c>,
/// title, description, and input schema property names and descriptions, weighted in that order; text is normalised
/// by lower-casing, dropping English stop words and light suffix stemming, and query words are expanded with a small
/// mail and calendar vocabulary (email ↔ mail ↔ message, schedule → create event, archive → move/label/remove inbox, …).
/// <para>
/// Built once per catalog (cheap: one pass over the tools' text) and immutable afterwards, so one index may serve
/// any number of concurrent searches. Adding a connector type needs nothing here: its tools are indexed like any other.
/// </para>
/// </summary>
public sealed class ToolSearchIndex
{
    /// <summary>The longest query accepted, in characters.</summary>
    public const int MaxQueryLength = 500;

    /// <summary>The most hits one search returns.</summary>
    public const int MaxLimit = 10;

    /// <summary>BM25 term-frequency saturation.</summary>
    public const double K1 = 1.2;

    /// <summary>BM25 length normalisation (0 = none, 1 = full), per field.</summary>
    public const double B = 0.75;

    private readonly CatalogTool[] _tools;

    /// <summary>
    /// For each term, the tools holding it with the term's BM25F contribution (idf × saturated weighted tf). Never
    /// written after the constructor, so concurrent reads are safe (a frozen dictionary costs more to build than it saves).
    /// </summary>
    private readonly Dictionary<string, (int Tool, double Impact)[]> _postings;

    /// <summary>Indexes the tools, in the order given.</summary>
    /// <exception cref="ArgumentException">Two tools have the same name.</exception>
    public ToolSearchIndex(IEnumerable<CatalogTool> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        _tools = tools.ToArray();
        var duplicate = _tools.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two tools are named '{duplicate.Key}'; a catalog's tool names are unique.", nameof(tools));
        }

        _postings = BuildPostings(_tools);
    }

    /// <summary>How many tools are indexed.</summary>
    public int Count => _tools.Length;

    /// <summary>
    /// The tools that best match <paramref name="query"/>, best first, at most <paramref name="limit"/>. Only tools
    /// sharing at least one (expanded) term with the query are returned, so a query of words no tool uses ("xyzzy
    /// plugh") returns an empty list: that is an answer, not an error. Equal scores are ordered by tool name (ordinal),
    /// and the same index and query always give the same list.
    /// </summary>
    /// <param name="query">The request in plain words, at most <see cref="MaxQueryLength"/> characters.</param>
    /// <param name="limit">1 to <see cref="MaxLimit"/>.</param>
    /// <param name="include">When given, only tools it accepts are ranked (e.g. a key's <see cref="ToolScope.Allows"/>),
    /// so a scope never hides a permitted tool behind forbidden ones.</param>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is outside 1 to <see cref="MaxLimit"/>.</exception>
    /// <exception cref="ToolSearchQueryException">The query is longer than <see cref="MaxQueryLength"/> characters, or
    /// has no searchable word (empty, blank, only punctuation or numbers, or only stop words such as "the").</exception>
    public IReadOnlyList<ToolSearchHit> Search(string query, int limit, Func<CatalogTool, bool>? include = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        if (query.Length > MaxQueryLength)
        {
            throw new ToolSearchQueryException(
                $"The query is {query.Length} characters; at most {MaxQueryLength} are searched. Describe the task in a few words, e.g. \"send an email\".");
        }

        var terms = SearchText.Terms(query);
        if (terms.Count == 0)
        {
            throw new ToolSearchQueryException(
                "The query has no word to search for. Describe the task in a few words, e.g. \"send an email\" or \"list calendar events\".");
        }

        var scores = new double[_tools.Length];
        foreach (var (term, weight) in SearchVocabulary.Expand(terms))
        {
            foreach (var (tool, impact) in _postings.GetValueOrDefault(term, []))
            {
                scores[tool] += weight * impact;
            }
        }

        return Enumerable.Range(0, _tools.Length)
            .Where(i => scores[i] > 0 && (include is null || include(_tools[i])))
            .OrderByDescending(i => scores[i])
            .ThenBy(i => _tools[i].Name, StringComparer.Ordinal)
            .Take(limit)
            .Select(i => new ToolSearchHit(_tools[i], scores[i]))
            .ToList();
    }

    private static Dictionary<string, (int Tool, double Impact)[]> BuildPostings(CatalogTool[] tools)
    {
        var fields = ToolSearchFields.All;
        // counts[tool][field]: term → occurrences; lengths[tool][field]: number of terms.
        var counts = new Dictionary<string, int>[tools.Length, fields.Length];
        var lengths = new int[tools.Length, fields.Length];
        var averages = new double[fields.Length];
        for (var t = 0; t < tools.Length; t++)
        {
            for (var f = 0; f < fields.Length; f++)
            {
                var terms = ToolSearchFields.Terms(tools[t], fields[f]);
                counts[t, f] = terms.CountBy(x => x, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
                lengths[t, f] = terms.Count;
                averages[f] += terms.Count;
            }
        }

        for (var f = 0; f < fields.Length; f++)
        {
            averages[f] = tools.Length == 0 || averages[f] == 0 ? 1 : averages[f] / tools.Length;
        }

        // Weighted, length-normalised term frequency per tool (BM25F), then saturation and idf per term.
        var frequencies = new Dictionary<string, List<(int Tool, double Frequency)>>(StringComparer.Ordinal);
        for (var t = 0; t < tools.Length; t++)
        {
            var perTerm = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var f = 0; f < fields.Length; f++)
            {
                var norm = 1 - B + (B * lengths[t, f] / averages[f]);
                var weight = ToolSearchFields.Weight(fields[f]);
                foreach (var (term, count) in counts[t, f])
                {
                    perTerm[term] = perTerm.GetValueOrDefault(term) + (weight * count / norm);
                }
            }

            foreach (var (term, frequency) in perTerm)
            {
                if (!frequencies.TryGetValue(term, out var list))
                {
                    frequencies[term] = list = [];
                }

                list.Add((t, frequency));
            }
        }

        return frequencies.ToDictionary(
            e => e.Key,
            e =>
            {
                var idf = Math.Log(1 + ((tools.Length - e.Value.Count + 0.5) / (e.Value.Count + 0.5)));
                return e.Value.Select(p => (p.Tool, idf * p.Frequency * (K1 + 1) / (K1 + p.Frequency))).ToArray();
            },
            StringComparer.Ordinal);
    }
}
