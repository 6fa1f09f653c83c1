using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Sandbox.Microsoft;

/// <summary>
/// The OData options the fake honours on a message list, with Graph's rules: <c>$search</c> (KQL: <c>from:</c>,
/// <c>subject:</c>, <c>to:</c>, or words anywhere) cannot be combined with <c>$filter</c> or <c>$orderby</c>;
/// <c>$filter</c> takes <c>receivedDateTime ge|lt|le|gt …</c>, <c>isRead eq true|false</c> and
/// <c>internetMessageId eq '…'</c> joined by <c>and</c>;
/// <c>$orderby=receivedDateTime desc|asc</c> needs <c>receivedDateTime</c> to lead the filter (else InefficientFilter);
/// <c>$top</c> (1–1000, default 10) and <c>$skip</c> page.
/// </summary>
internal sealed record GraphMessageQuery(Func<FakeOutlookMessage, bool> Predicate, bool Ascending, int Top, int Skip, string? Search)
{
    /// <summary>The parsed query, or the Graph error (code, message) that a real request would get.</summary>
    public static (GraphMessageQuery? Query, string? ErrorCode, string? Error) Parse(IQueryCollection query)
    {
        var search = query["$search"].ToString();
        var filter = query["$filter"].ToString();
        var orderBy = query["$orderby"].ToString();
        if (search.Length > 0 && (filter.Length > 0 || orderBy.Length > 0))
        {
            return (null, "ErrorInvalidUrlQuery", "The query parameter '$search' is not supported with '$filter' or '$orderby'.");
        }

        var top = query["$top"].ToString() is { Length: > 0 } t ? int.Parse(t, CultureInfo.InvariantCulture) : 10;
        var skip = query["$skip"].ToString() is { Length: > 0 } s ? int.Parse(s, CultureInfo.InvariantCulture) : 0;
        if (top is < 1 or > 1000 || skip < 0)
        {
            return (null, "ErrorInvalidUrlQuery", "Invalid $top or $skip.");
        }

        Func<FakeOutlookMessage, bool> predicate = _ => true;
        if (search.Length > 0)
        {
            if (search.Length < 2 || search[0] != '"' || search[^1] != '"')
            {
                return (null, "BadRequest", "Syntax error: $search must be a quoted string.");
            }

            var terms = Terms(search[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal));
            predicate = m => terms.All(term => Matches(m, term));
        }

        var clauses = filter.Length > 0 ? filter.Split(" and ", StringSplitOptions.TrimEntries) : [];
        if (orderBy.Length > 0)
        {
            if (orderBy is not ("receivedDateTime desc" or "receivedDateTime asc" or "receivedDateTime"))
            {
                return (null, "ErrorInvalidProperty", $"The $orderby '{orderBy}' is not supported by the fake.");
            }

            if (clauses.Length > 0 && !clauses[0].StartsWith("receivedDateTime ", StringComparison.Ordinal))
            {
                return (null, "InefficientFilter", "The restriction or sort order is too complex for this operation.");
            }
        }

        foreach (var clause in clauses)
        {
            var parts = clause.Split(' ', 3);
            if (parts.Length != 3)
            {
                return (null, "BadRequest", $"Invalid filter clause '{clause}'.");
            }

            var previous = predicate;
            switch (parts[0], parts[1])
            {
                case ("internetMessageId", "eq") when parts[2].Length >= 2 && parts[2][0] == '\'' && parts[2][^1] == '\'':
                    var messageId = parts[2][1..^1].Replace("''", "'", StringComparison.Ordinal);
                    predicate = m => previous(m) && m.MessageIdHeader == messageId;
                    break;
                case ("isRead", "eq") when bool.TryParse(parts[2], out var read):
                    predicate = m => previous(m) && m.IsRead == read;
                    break;
                case ("receivedDateTime", var op) when DateTimeOffset.TryParse(parts[2], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at):
                    Func<DateTimeOffset, bool>? test = op switch
                    {
                        "ge" => r => r >= at,
                        "gt" => r => r > at,
                        "lt" => r => r < at,
                        "le" => r => r <= at,
                        _ => null,
                    };
                    if (test is null)
                    {
                        return (null, "BadRequest", $"Invalid filter operator '{op}'.");
                    }

                    predicate = m => previous(m) && test(m.Received);
                    break;
                default:
                    return (null, "BadRequest", $"Invalid filter clause '{clause}'.");
            }
        }

        return (new GraphMessageQuery(predicate, orderBy == "receivedDateTime asc", top, skip, search.Length > 0 ? search : null), null, null);
    }

    private static List<string> Terms(string kql)
    {
        var terms = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in kql)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (current.Length > 0)
                {
                    terms.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            terms.Add(current.ToString());
        }

        return terms;
    }

    private static bool Matches(FakeOutlookMessage m, string term)
    {
        static bool Has(string text, string value) => text.Contains(value, StringComparison.OrdinalIgnoreCase);
        var colon = term.IndexOf(':');
        var value = colon > 0 ? term[(colon + 1)..] : term;
        return (colon > 0 ? term[..colon].ToLowerInvariant() : null) switch
        {
            "from" => Has(m.FromAddress, value) || Has(m.FromName, value),
            "to" => m.To.Any(t => Has(t, value)),
            "subject" => Has(m.Subject, value),
            "body" => Has(m.TextBody, value),
            _ => Has(m.Subject, term) || Has(m.TextBody, term) || Has(m.FromAddress, term) || Has(m.FromName, term),
        };
    }
}
