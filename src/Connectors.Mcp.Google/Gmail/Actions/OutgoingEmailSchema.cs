using Connectors.Mcp.Connectors.Arguments;

namespace Connectors.Mcp.Google.Gmail.Actions;

/// <summary>The input schema shared by <c>send_email</c> and <c>create_draft</c>.</summary>
internal static class OutgoingEmailSchema
{
    /// <summary>One bare address (<see cref="BareEmailAddress.SchemaPattern"/>); the connector checks the rest.</summary>
    private const string AddressPattern = BareEmailAddress.SchemaPattern;

    /// <summary>
    /// The schema. <c>to</c>, <c>cc</c> and <c>bcc</c> hold at most <see cref="Mime.OutgoingEmail.MaxRecipientsPerField"/>
    /// (100) each: Gmail's limit on "Recipients per message sent via … the Gmail API" is 100
    /// (https://support.google.com/a/answer/166852, Gmail sending limits in Google Workspace).
    /// </summary>
    public static string Input(string verb) => $$"""
        {
          "type": "object",
          "properties": {
            "to": { "$ref": "#/$defs/addresses", "minItems": 1, "description": "Bare addresses." },
            "cc": { "$ref": "#/$defs/addresses" },
            "bcc": { "$ref": "#/$defs/addresses" },
            "subject": { "type": "string", "maxLength": 998, "description": "One line ('Re: ' is added to a reply)." },
            "body": { "type": "string", "description": "Plain text." },
            "html_body": { "type": "string", "description": "HTML version; body is {{verb}} too." },
            "reply_to_message_id": { "type": "string", "pattern": "{{GmailIds.Pattern}}", "description": "Id of the message this answers, to thread the reply." }
          },
          "required": ["to", "subject", "body"],
          "additionalProperties": false,
          "$defs": {
            "addresses": {
              "type": "array",
              "maxItems": {{Mime.OutgoingEmail.MaxRecipientsPerField}},
              "items": { "type": "string", "format": "email", "maxLength": 254, "pattern": "{{AddressPattern}}" }
            }
          }
        }
        """;
}
