using System.Text;
using System.Text.Json.Nodes;
using Connectors.Mcp.Connectors.Arguments;

namespace Connectors.Mcp.Microsoft.Mail.Outgoing;

/// <summary>The readable account of a send, a draft or a reply shown to the person approving it (as Gmail's).</summary>
internal static class OutgoingEmailSummary
{
    public static string Describe(JsonObject arguments, string headline)
    {
        var summary = new StringBuilder();
        summary.AppendLine(headline);
        summary.AppendLine("From: the connected Outlook account");
        AppendList(summary, "To", arguments["to"]);
        AppendList(summary, "Cc", arguments["cc"]);
        AppendList(summary, "Bcc", arguments["bcc"]);
        ActionSummary.AppendDomainWarnings(summary, new[] { "to", "cc", "bcc" }.SelectMany(field => Items(arguments[field])));
        summary.Append("Subject: ").AppendLine(Text(arguments["subject"]));
        AppendBody(summary, arguments);
        return summary.ToString().TrimEnd();
    }

    /// <summary>A reply: who it goes to is decided by Outlook from the original message, so the summary says which rule applies.</summary>
    public static string DescribeReply(JsonObject arguments)
    {
        var all = arguments["reply_all"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
        var summary = new StringBuilder();
        summary.AppendLine(all ? "Reply to everyone on this Outlook message:" : "Reply to the sender of this Outlook message:");
        summary.AppendLine("From: the connected Outlook account");
        summary.Append("In reply to Outlook message ").AppendLine(Text(arguments["message_id"]));
        summary.AppendLine(all
            ? "To: the original sender and every To and Cc recipient of that message (chosen by Outlook; read it with get_message to see who)"
            : "To: the original sender of that message (chosen by Outlook; read it with get_message to see who)");
        summary.AppendLine("Subject: 'RE: ' and the original subject, in the same conversation; the original is quoted below the reply");
        AppendBody(summary, arguments);
        return summary.ToString().TrimEnd();
    }

    private static void AppendBody(StringBuilder summary, JsonObject arguments)
    {
        summary.AppendLine("Body:");
        ActionSummary.AppendBodyPreview(summary, Text(arguments["body"]));
        if (Text(arguments["html_body"]) is { Length: > 0 } html)
        {
            summary.Append("HTML body (sent instead of the text above): ").Append(html.Length).AppendLine(" characters");
        }
    }

    private static void AppendList(StringBuilder summary, string label, JsonNode? node)
    {
        if (Items(node) is { Count: > 0 } items)
        {
            summary.Append(label).Append(": ").AppendLine(ActionSummary.Addresses(items));
        }
    }

    private static List<string> Items(JsonNode? node) => node is JsonArray items ? items.Select(Text).ToList() : [];

    private static string Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : string.Empty;
}
