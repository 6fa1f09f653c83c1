using Connectors.Mcp.Connectors.Arguments;

namespace Connectors.Mcp.Microsoft.Mail.Outgoing;

/// <summary>The input schema shared by <c>send_email</c> and <c>create_draft</c> (Gmail's argument names and rules).</summary>
internal static class OutgoingEmailSchema
{
    public static string Input(string verb) => $$"""
        {
          "type": "object",
          "properties": {
            "to": { "$ref": "#/$defs/addresses", "minItems": 1, "description": "Bare addresses." },
            "cc": { "$ref": "#/$defs/addresses" },
            "bcc": { "$ref": "#/$defs/addresses" },
            "subject": { "type": "string", "maxLength": {{OutgoingEmail.MaxSubjectLength}}, "description": "One line." },
            "body": { "type": "string", "maxLength": {{OutgoingEmail.MaxBodyLength}}, "description": "Plain text." },
            "html_body": { "type": "string", "maxLength": {{OutgoingEmail.MaxBodyLength}}, "description": "HTML version: replaces body as the one {{verb}} (the approver reads body)." }
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
