using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Graph.Models;

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
            "conversation_id": { "type": "string" },
            "from": { "type": "string", "description": "Sender as `Name <address>`." },
            "to": { "type": "array", "items": { "type": "string" } },
            "subject": { "type": "string" },
            "received": { "type": "string", "description": "ISO 8601, UTC." },
            "preview": { "type": "string", "description": "The start of the body (untrusted text)." },
            "is_read": { "type": "boolean" },
            "folder_id": { "type": "string" },
            "has_attachments": { "type": "boolean" }
          },
          "required": ["id", "to", "preview", "is_read", "has_attachments"],
          "additionalProperties": false
        }
        """;

    /// <summary>The <c>$select</c> list as the SDK takes it.</summary>
    public static string[] SelectFields => Select.Split(',');

    public static JsonObject From(Message message) => new()
    {
        ["id"] = message.Id ?? "",
        ["conversation_id"] = message.ConversationId,
        ["from"] = Address(message.From),
        ["to"] = Addresses(message.ToRecipients),
        ["subject"] = message.Subject,
        ["received"] = Time(message.ReceivedDateTime),
        ["preview"] = message.BodyPreview ?? "",
        ["is_read"] = message.IsRead ?? false,
        ["folder_id"] = message.ParentFolderId,
        ["has_attachments"] = message.HasAttachments ?? false,
    };

    public static string? Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A Graph recipient as <c>Name &lt;address&gt;</c>.</summary>
    public static string? Address(Recipient? recipient)
    {
        if (recipient?.EmailAddress is not { } email)
        {
            return null;
        }

        var address = email.Address;
        var name = email.Name;
        return string.IsNullOrEmpty(name) || name == address ? address : $"{name} <{address}>";
    }

    public static JsonArray Addresses(IEnumerable<Recipient>? recipients) =>
        new((recipients ?? []).Select(Address).Where(a => a is not null).Select(a => (JsonNode?)a).ToArray());
}
