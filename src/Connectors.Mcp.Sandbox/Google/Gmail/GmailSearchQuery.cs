using System.Globalization;
using System.Text;

namespace Connectors.Mcp.Sandbox.Google.Gmail;

/// <summary>
/// The subset of Gmail search the fake understands: <c>from:</c> <c>to:</c> <c>cc:</c> <c>bcc:</c> <c>subject:</c>
/// <c>is:unread|read|starred|important</c> <c>label:</c> <c>in:inbox|sent|draft|spam|trash|anywhere</c>
/// <c>rfc822msgid:</c> <c>has:attachment</c> <c>after:</c>/<c>before:</c> (yyyy/mm/dd), quoted phrases, free words, and
/// <c>-</c> to negate a term. Terms are ANDed; matching is case-insensitive substring matching.
/// </summary>
internal sealed class GmailSearchQuery
{
    private readonly List<Func<StoredMessage, bool>> _terms = [];

    private GmailSearchQuery()
    {
    }

    /// <summary>True when the query itself looks in spam or trash (Gmail leaves them out otherwise).</summary>
    public bool IncludesSpamTrash { get; private set; }

    public bool Matches(StoredMessage message) => _terms.All(term => term(message));

    /// <param name="resolveLabel">Label id for a <c>label:</c>/<c>in:</c> term (id or name), or null.</param>
    public static GmailSearchQuery Parse(string? query, Func<string, string?> resolveLabel)
    {
        var parsed = new GmailSearchQuery();
        foreach (var token in Tokenize(query ?? string.Empty))
        {
            var negated = token.StartsWith('-') && token.Length > 1;
            var text = negated ? token[1..] : token;
            var colon = text.IndexOf(':');
            var op = colon > 0 ? text[..colon].ToLowerInvariant() : null;
            var value = Unquote(colon > 0 ? text[(colon + 1)..] : text);
            var term = parsed.Term(op, value, resolveLabel) ?? FreeText(Unquote(text));
            parsed._terms.Add(negated ? m => !term(m) : term);
        }

        return parsed;
    }

    private Func<StoredMessage, bool>? Term(string? op, string value, Func<string, string?> resolveLabel)
    {
        switch (op)
        {
            case "from":
                return m => Contains(m.Mime.From.ToString(), value);
            case "to":
                return m => Contains(m.Mime.To.ToString(), value) || Contains(m.Mime.Cc.ToString(), value) || Contains(m.Mime.Bcc.ToString(), value);
            case "cc":
                return m => Contains(m.Mime.Cc.ToString(), value);
            case "bcc":
                return m => Contains(m.Mime.Bcc.ToString(), value);
            case "subject":
                return m => Contains(m.Mime.Subject, value);
            case "rfc822msgid":
                var wanted = value.Trim('<', '>');
                return m => string.Equals(m.Mime.MessageId, wanted, StringComparison.OrdinalIgnoreCase);
            case "has" when value.Equals("attachment", StringComparison.OrdinalIgnoreCase):
                return m => m.Mime.Attachments.Any();
            case "is":
                return value.ToLowerInvariant() switch
                {
                    "unread" => HasLabel(SystemLabels.Unread),
                    "read" => m => !m.LabelIds.Contains(SystemLabels.Unread),
                    "starred" => HasLabel(SystemLabels.Starred),
                    "important" => HasLabel(SystemLabels.Important),
                    _ => _ => false,
                };
            case "in" when value.Equals("anywhere", StringComparison.OrdinalIgnoreCase):
                IncludesSpamTrash = true;
                return _ => true;
            case "in" or "label":
                var label = value.Equals("drafts", StringComparison.OrdinalIgnoreCase) ? SystemLabels.Draft : resolveLabel(value);
                if (label is SystemLabels.Spam or SystemLabels.Trash)
                {
                    IncludesSpamTrash = true;
                }

                return label is null ? _ => false : HasLabel(label);
            case "after" or "before" when TryParseDate(value, out var date):
                return op == "after" ? m => m.InternalDate >= date : m => m.InternalDate < date;
            default:
                return null;
        }
    }

    private static Func<StoredMessage, bool> HasLabel(string label) => m => m.LabelIds.Contains(label);

    private static Func<StoredMessage, bool> FreeText(string word) => m =>
        Contains(m.Mime.Subject, word) || Contains(m.Mime.From.ToString(), word) || Contains(m.Mime.To.ToString(), word)
        || Contains(MessageText.Of(m.Mime), word);

    private static bool Contains(string? haystack, string needle) =>
        haystack is not null && haystack.Contains(needle, StringComparison.OrdinalIgnoreCase);

    private static bool TryParseDate(string value, out DateTimeOffset date) =>
        DateTimeOffset.TryParseExact(value, ["yyyy/M/d", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date);

    private static string Unquote(string value) => value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;

    /// <summary>Splits on whitespace outside double quotes.</summary>
    private static IEnumerable<string> Tokenize(string query)
    {
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in query)
        {
            if (c == '"')
            {
                quoted = !quoted;
                current.Append(c);
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (current.Length > 0)
                {
                    yield return current.ToString();
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
            yield return current.ToString();
        }
    }
}
