using System.Text;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Google.Calendar.Parsing;

namespace Connectors.Mcp.Google.Calendar.Actions;

/// <summary><c>delete_event</c>: events.delete. Guests may be emailed a cancellation (send_updates), so it defaults to Approve.</summary>
internal static class DeleteEventAction
{
    public const string Name = "delete_event";

    public static ConnectorAction Declaration { get; } = new()
    {
        Name = Name,
        Title = "Delete a calendar event",
        Description =
            "Delete an event: a series id deletes every occurrence, an occurrence id (…_20260302T150000Z) only that one.",
        InputSchema = SchemaJson.Parse($$"""
            {
              "type": "object",
              "properties": {
                {{EventSchema.CalendarIdProperty}},
                {{EventSchema.EventIdProperty}},
                {{EventSchema.SendUpdatesProperty}}
              },
              "required": ["event_id"],
              "additionalProperties": false
            }
            """),
        OutputSchema = SchemaJson.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "deleted": { "type": "boolean", "const": true },
                "calendar_id": { "type": "string" },
                "event_id": { "type": "string" },
                "send_updates": { "type": "string", "enum": ["none", "external_only", "all"], "description": "Who Google was asked to email a cancellation." }
              },
              "required": ["deleted", "calendar_id", "event_id", "send_updates"],
              "additionalProperties": false
            }
            """),
        Annotations = new ActionAnnotations(ReadOnly: false, Destructive: true, Idempotent: true, OpenWorld: true),
        DefaultPolicy = ApprovalPolicy.Approve,
        Handler = new ActionHandler<CalendarApi, Request>(
            arguments => Parse(new ActionArguments(arguments)),
            (api, request, _, cancellationToken) => RunAsync(api, request, cancellationToken)),
        Describe = arguments => Describe(Parse(new ActionArguments(arguments))),
    };

    public static Request Parse(ActionArguments arguments)
    {
        arguments.RejectUnknown("calendar_id", "event_id", "send_updates");
        return new Request(
            CalendarIds.ValidateCalendarId("calendar_id", arguments.OptionalString("calendar_id") ?? CalendarIds.Primary),
            CalendarIds.ValidateEventId("event_id", arguments.RequiredString("event_id")),
            SendUpdates.Parse("send_updates", arguments.OptionalString("send_updates")));
    }

    public static async Task<JsonObject> RunAsync(CalendarApi api, Request request, CancellationToken cancellationToken)
    {
        try
        {
            await api.DeleteEventAsync(request.CalendarId, request.EventId, SendUpdates.ToWire(request.SendUpdates), cancellationToken).ConfigureAwait(false);
        }
        catch (ProviderException ex) when (ex.StatusCode == 410)
        {
            throw new ResourceNotFoundException($"Event '{request.EventId}' on calendar '{request.CalendarId}' was already deleted.", ex);
        }

        return new JsonObject
        {
            ["deleted"] = true,
            ["calendar_id"] = request.CalendarId,
            ["event_id"] = request.EventId,
            ["send_updates"] = request.SendUpdates,
        };
    }

    public static string Describe(Request request)
    {
        var summary = new StringBuilder();
        summary.Append("Delete Google Calendar event '").Append(request.EventId).Append("' from calendar '").Append(request.CalendarId).AppendLine("'.");
        summary.AppendLine(request.EventId.Contains('_', StringComparison.Ordinal)
            ? "This id names one occurrence of a recurring event: only that occurrence is deleted."
            : "If this is a recurring event, every occurrence is deleted.");
        summary.Append(SendUpdates.Describe(request.SendUpdates, [], "a cancellation"));
        return summary.ToString().TrimEnd();
    }

    public sealed record Request(string CalendarId, string EventId, string SendUpdates);
}
