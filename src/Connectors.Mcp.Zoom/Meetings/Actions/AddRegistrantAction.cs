using System.Text;
using System.Text.Json.Nodes;
using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Zoom.Api;

namespace Connectors.Mcp.Zoom.Meetings.Actions;

/// <summary>
/// <c>add_registrant</c>: <c>POST meetings/{meetingId}/registrants</c> (201) on a meeting whose registration is on;
/// Zoom emails the registrant. Defaults to Approve. Zoom refuses it (404 "Registration has not been enabled") when
/// registration is off: the message says to turn it on with update_meeting.
/// </summary>
internal static class AddRegistrantAction
{
    public const string Name = "add_registrant";
    public const int MaxNameLength = 64;

    public static ConnectorAction Declaration { get; } = new()
    {
        Name = Name,
        Title = "Register someone for a Zoom meeting",
        Description = "Register a person for a meeting with registration on; Zoom emails them their own link.",
        InputSchema = SchemaJson.Parse($$"""
            {
              "type": "object",
              "properties": {
                {{MeetingSchema.MeetingIdProperty}},
                "email": { "type": "string", "maxLength": 254, "description": "Registrant's address." },
                "first_name": { "type": "string", "minLength": 1, "maxLength": {{MaxNameLength}}, "description": "Registrant's first name." },
                "last_name": { "type": "string", "maxLength": {{MaxNameLength}}, "description": "Registrant's last name." }
              },
              "required": ["meeting_id", "email", "first_name"],
              "additionalProperties": false
            }
            """),
        OutputSchema = SchemaJson.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "meeting_id": { "type": "string" },
                "registrant_id": { "type": "string" },
                "join_url": { "type": "string", "description": "The registrant's own link." },
                "topic": { "type": "string" },
                "start_time": { "type": "string" }
              },
              "required": ["meeting_id", "registrant_id"],
              "additionalProperties": false
            }
            """),
        Annotations = new ActionAnnotations(ReadOnly: false, Destructive: false, Idempotent: false, OpenWorld: true),
        DefaultPolicy = ApprovalPolicy.Approve,
        RecipientArguments = ["email"],
        Describe = arguments => Describe(Parse(new ActionArguments(arguments))),
        Handler = new ActionHandler<ZoomApi, Request>(
            arguments => Parse(new ActionArguments(arguments)),
            (api, request, _, cancellationToken) => RunAsync(api, request, cancellationToken)),
    };

    public static Request Parse(ActionArguments arguments)
    {
        arguments.RejectUnknown("meeting_id", "email", "first_name", "last_name");
        var meetingId = ZoomMeetingIds.Validate("meeting_id", arguments.RequiredString("meeting_id"));
        var email = BareEmailAddress.Validate("email", 0, arguments.RequiredString("email"));
        var first = FreeText.SingleLine(arguments, "first_name", MaxNameLength, allowEmpty: false) ?? throw new ConnectorValidationException("first_name", "is required.");
        var last = FreeText.SingleLine(arguments, "last_name", MaxNameLength, allowEmpty: true) is { Length: > 0 } l ? l : null;
        return new Request(meetingId, email, first, last);
    }

    public static async Task<JsonObject> RunAsync(ZoomApi api, Request request, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["email"] = request.Email, ["first_name"] = request.FirstName };
        if (request.LastName is not null)
        {
            body["last_name"] = request.LastName;
        }

        JsonObject registered;
        try
        {
            registered = await api.PostAsync($"meetings/{request.MeetingId}/registrants", body, $"Zoom meeting '{request.MeetingId}'", cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException ex) when (ex is ProviderException or ResourceNotFoundException && ex.Message.Contains("registration", StringComparison.OrdinalIgnoreCase))
        {
            // Zoom answers 404 "Registration has not been enabled for this meeting": the meeting exists, registration is off.
            throw new ProviderException(
                $"Zoom meeting '{request.MeetingId}' does not take registrations ({ex.Message}). Turn registration on first: update_meeting with registration automatic or manual.",
                400,
                ex);
        }

        return new JsonObject
        {
            ["meeting_id"] = MeetingOutput.Id(registered) is { Length: > 0 } id ? id : request.MeetingId,
            ["registrant_id"] = MeetingOutput.Text(registered, "registrant_id") ?? "",
            ["join_url"] = MeetingOutput.Text(registered, "join_url"),
            ["topic"] = MeetingOutput.Text(registered, "topic"),
            ["start_time"] = MeetingOutput.Text(registered, "start_time"),
        };
    }

    public static string Describe(Request request)
    {
        var summary = new StringBuilder();
        var name = request.LastName is null ? request.FirstName : $"{request.FirstName} {request.LastName}";
        summary.Append("Register ").Append(name).Append(" <").Append(ActionSummary.Addresses([request.Email])).Append("> for Zoom meeting ").Append(request.MeetingId).AppendLine(".");
        ActionSummary.AppendDomainWarnings(summary, [request.Email]);
        summary.Append("Notifications: Zoom emails ").Append(request.Email).AppendLine(" a confirmation with their join link (or a pending-approval note if approval is manual).");
        return summary.ToString().TrimEnd();
    }

    public sealed record Request(string MeetingId, string Email, string FirstName, string? LastName);
}
