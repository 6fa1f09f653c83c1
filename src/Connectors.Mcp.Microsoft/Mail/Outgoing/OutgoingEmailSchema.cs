using Connectors.Mcp.Connectors.Arguments;

namespace Connectors.Mcp.Microsoft.Mail.Outgoing;

/// <summary>The input schema shared by <c>send_email</c> and <c>create_draft</c> (Gmail's argument names and rules).</summary>
internal static class OutgoingEmailSchema
{
    public static string Input(string verb) => $$"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "properties": {
            "to": { "$ref": "#/$defs/addresses", "minItems": 1, "description": "Recipients, one bare address per item (name@example.com)." },
            "cc": { "$ref": "#/$defs/addresses", "description": "Cc recipients, one bare address per item." },
            "bcc": { "$ref": "#/$defs/addresses", "description": "Bcc recipients, one bare address per item." },
            "subject": { "type": "string", "maxLength": {{OutgoingEmail.MaxSubjectLength}}, "description": "One line." },
            "body": { "type": "string", "maxLength": {{OutgoingEmail.MaxBodyLength}}, "description": "Plain-text body." },
            "html_body": { "type": "string", "maxLength": {{OutgoingEmail.MaxBodyLength}}, "description": "Optional HTML version of the body; Outlook keeps one body, so when given it is the body {{verb}} (and body is what the approver reads)." }
          },
          "required": ["to", "subject", "body"],
          "additionalProperties": false,
          "$defs": {
            "addresses": {
              "type": "array",
              "maxItems": {{OutgoingEmail.MaxRecipientsPerField}},
              "items": { "type": "string", "format": "email", "maxLength": {{BareEmailAddress.MaxLength}}, "pattern": "{{BareEmailAddress.SchemaPattern}}" }
            }
          }
        }
        """;
}
