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
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "properties": {
            "to": { "$ref": "#/$defs/addresses", "minItems": 1, "description": "Recipients, one bare address per item (name@example.com)." },
            "cc": { "$ref": "#/$defs/addresses", "description": "Cc recipients, one bare address per item." },
            "bcc": { "$ref": "#/$defs/addresses", "description": "Bcc recipients, one bare address per item." },
            "subject": { "type": "string", "maxLength": 998, "description": "One line. For a reply, 'Re: ' is added if missing." },
            "body": { "type": "string", "description": "Plain-text body." },
            "html_body": { "type": "string", "description": "Optional HTML alternative of the body; the plain body is {{verb}} too." },
            "reply_to_message_id": { "type": "string", "pattern": "{{GmailIds.Pattern}}", "description": "Gmail id of the message this replies to: threads the reply (threadId, In-Reply-To, References)." }
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
