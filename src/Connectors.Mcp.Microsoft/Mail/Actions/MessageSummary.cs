using System.Text.Json.Nodes;

namespace Connectors.Mcp.Microsoft.Mail.Actions;

/// <summary>The message fields search_messages returns per message: the <c>$select</c> list, the schema and the mapping.</summary>
internal static class MessageSummary
{
    public const string Select = "id,conversationId,subject,from,toRecipients,receivedDateTime,bodyPreview,isRead,parentFolderId,hasAttachments";

    public const string Schema = """
        {
          "type": "object",
          "properties": {
            "id": { "type": "string", "description": "Outlook message id (for get_message)." },
            "conversation_id": { "type": ["string", "null"] },
            "from": { "type": ["string", "null"], "description": "Sender as `Name <address>`." },
            "to": { "type": "array", "items": { "type": "string" } },
            "subject": { "type": ["string", "null"] },
            "received": { "type": ["string", "null"], "description": "ISO 8601, UTC." },
            "preview": { "type": "string", "description": "The start of the body (untrusted text)." },
            "is_read": { "type": "boolean" },
            "folder_id": { "type": ["string", "null"] },
            "has_attachments": { "type": "boolean" }
          },
          "required": ["id", "conversation_id", "from", "to", "subject", "received", "preview", "is_read", "folder_id", "has_attachments"],
          "additionalProperties": false
        }
        """;

    public static JsonObject From(JsonObject message) => new()
    {
        ["id"] = Text(message, "id") ?? "",
        ["conversation_id"] = Text(message, "conversationId"),
        ["from"] = Address(message["from"]),
        ["to"] = Addresses(message["toRecipients"]),
        ["subject"] = Text(message, "subject"),
        ["received"] = Text(message, "receivedDateTime"),
        ["preview"] = Text(message, "bodyPreview") ?? "",
        ["is_read"] = message["isRead"] is JsonValue read && read.TryGetValue<bool>(out var isRead) && isRead,
        ["folder_id"] = Text(message, "parentFolderId"),
        ["has_attachments"] = message["hasAttachments"] is JsonValue att && att.TryGetValue<bool>(out var has) && has,
    };

    public static string? Text(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>A Graph recipient (<c>{"emailAddress":{"name","address"}}</c>) as <c>Name &lt;address&gt;</c>.</summary>
    public static string? Address(JsonNode? recipient)
    {
        if (recipient is not JsonObject r || r["emailAddress"] is not JsonObject email)
        {
            return null;
        }

        var address = Text(email, "address");
        var name = Text(email, "name");
        return string.IsNullOrEmpty(name) || name == address ? address : $"{name} <{address}>";
    }

    public static JsonArray Addresses(JsonNode? recipients) =>
        new((recipients as JsonArray ?? []).Select(Address).Where(a => a is not null).Select(a => (JsonNode?)a).ToArray());
}
