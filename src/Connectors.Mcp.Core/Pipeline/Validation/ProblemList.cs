using System.Globalization;

namespace Connectors.Mcp.Core.Pipeline.Validation;

/// <summary>
/// The problems an invalid call is told about, bounded: distinct lines in the order found (de-duplicated with a hash
/// set, so linear), the first <see cref="MaxShown"/> kept, each cut to <see cref="MaxLineLength"/> characters, and one
/// closing line saying how many more there were. An error text therefore has at most <see cref="MaxShown"/> + 1 lines of
/// at most <see cref="MaxLineLength"/> characters, whatever the arguments held.
/// </summary>
public sealed class ProblemList
{
    /// <summary>Problems listed one by one; the rest are counted.</summary>
    public const int MaxShown = 10;

    /// <summary>Longest problem line, in UTF-16 code units, the closing <c>…</c> included.</summary>
    public const int MaxLineLength = 200;

    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<string> _shown = [];

    public int Count => _seen.Count;

    /// <summary>Adds <paramref name="line"/> unless the same problem was already added.</summary>
    public void Add(string line)
    {
        if (_seen.Add(line) && _shown.Count < MaxShown)
        {
            _shown.Add(Shorten(line));
        }
    }

    /// <summary>The lines to show: at most <see cref="MaxShown"/>, then <c>… and 699,990 more problems</c> when there were more.</summary>
    public IReadOnlyList<string> ToLines()
    {
        var more = _seen.Count - _shown.Count;
        return more == 0
            ? _shown.ToList()
            : [.. _shown, $"… and {more.ToString("N0", CultureInfo.InvariantCulture)} more problem{(more == 1 ? "" : "s")}"];
    }

    /// <summary><paramref name="text"/> cut to <paramref name="max"/> characters with a closing <c>…</c>, never inside a surrogate pair.</summary>
    public static string Shorten(string text, int max = MaxLineLength)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), "…");
    }
}
