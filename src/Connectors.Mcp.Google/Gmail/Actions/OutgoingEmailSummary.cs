using System.Text;
using System.Text.Json.Nodes;
using Connectors.Mcp.Connectors.Arguments;

namespace Connectors.Mcp.Google.Gmail.Actions;

/// <summary>The readable account of a send or a draft shown to the person approving it.</summary>
internal static class OutgoingEmailSummary
{
    public static string Describe(JsonObject arguments, string headline)
    {
        var summary = new StringBuilder();
        summary.AppendLine(headline);
        summary.AppendLine("From: the connected Gmail account");
        AppendList(summary, "To", arguments["to"]);
        AppendList(summary, "Cc", arguments["cc"]);
        AppendList(summary, "Bcc", arguments["bcc"]);
        ActionSummary.AppendDomainWarnings(summary, new[] { "to", "cc", "bcc" }.SelectMany(field => Items(arguments[field])));
        summary.Append("Subject: ").AppendLine(Text(arguments["subject"]));
        if (Text(arguments["reply_to_message_id"]) is { Length: > 0 } replyTo)
        {
            summary.Append("In reply to Gmail message ").Append(replyTo).AppendLine(" (same thread; 'Re: ' added to the subject if missing)");
        }

        summary.AppendLine("Body:");
        ActionSummary.AppendBodyPreview(summary, Text(arguments["body"]));
        if (Text(arguments["html_body"]) is { Length: > 0 } html)
        {
            summary.Append("HTML alternative: ").Append(html.Length).AppendLine(" characters");
        }

        return summary.ToString().TrimEnd();
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
