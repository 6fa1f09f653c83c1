using System.Text;
using System.Text.Json.Nodes;
using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Microsoft.Graph;

namespace Connectors.Mcp.Microsoft.Calendar.Actions;

/// <summary>
/// <c>delete_event</c>: <c>DELETE /me/events/{id}</c> (204). Deleting a meeting the user organizes emails the attendees a
/// cancellation, so it defaults to Approve. After an ambiguous delete, the find step reads the event: gone means done.
/// </summary>
internal static class DeleteEventAction
{
    public const string Name = "delete_event";

    public static ConnectorAction Declaration { get; } = new()
    {
        Name = Name,
        Title = "Delete an Outlook calendar event",
        Description =
            "Delete an event: a series id deletes every occurrence, an occurrence id only that one. If the user organizes " +
            "it, Outlook emails attendees a cancellation.",
        InputSchema = SchemaJson.Parse($$"""
            {
              "type": "object",
              "properties": {
                {{EventSchema.EventIdProperty}}
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
                "event_id": { "type": "string" }
              },
              "required": ["deleted", "event_id"],
              "additionalProperties": false
            }
            """),
        Annotations = new ActionAnnotations(ReadOnly: false, Destructive: true, Idempotent: true, OpenWorld: true),
        DefaultPolicy = ApprovalPolicy.Approve,
        Handler = new ActionHandler<GraphClient, Request>(
            arguments => Parse(new ActionArguments(arguments)),
            (graph, request, _, cancellationToken) => RunAsync(graph, request, cancellationToken),
            async (graph, request, _, cancellationToken) => await FindDeletedAsync(graph, request, cancellationToken).ConfigureAwait(false)),
        Describe = arguments => Describe(Parse(new ActionArguments(arguments))),
    };

    public static Request Parse(ActionArguments arguments)
    {
        arguments.RejectUnknown("event_id");
        return new Request(OutlookCalendarIds.Validate("event_id", arguments.RequiredString("event_id")));
    }

    public static async Task<JsonObject> RunAsync(GraphClient graph, Request request, CancellationToken cancellationToken)
    {
        await graph.WriteAsync(
            (sdk, ct) => sdk.Me.Events[request.EventId].DeleteAsync(cancellationToken: ct),
            $"Outlook event '{request.EventId}'",
            cancellationToken).ConfigureAwait(false);
        return Deleted(request);
    }

    /// <summary>After an ambiguous delete: the event is gone (404) → applied; it is still there → not applied.</summary>
    public static async Task<WriteOutcome> FindDeletedAsync(GraphClient graph, Request request, CancellationToken cancellationToken)
    {
        try
        {
            await graph.CallAsync((sdk, ct) => sdk.Me.Events[request.EventId].GetAsync(r => r.QueryParameters.Select = ["id"], ct), $"Outlook event '{request.EventId}'", cancellationToken)
                .ConfigureAwait(false);
            return WriteOutcome.NotApplied;
        }
        catch (ResourceNotFoundException)
        {
            return WriteOutcome.Applied(Deleted(request));
        }
    }

    public static string Describe(Request request)
    {
        var summary = new StringBuilder();
        summary.Append("Delete Outlook calendar event '").Append(request.EventId).AppendLine("'.");
        summary.AppendLine("If this is the series of a recurring event, every occurrence is deleted; an occurrence id deletes only that occurrence.");
        summary.Append("Notifications: if the user organizes this meeting, Outlook emails every attendee a cancellation.");
        return summary.ToString();
    }

    private static JsonObject Deleted(Request request) => new() { ["deleted"] = true, ["event_id"] = request.EventId };

    public sealed record Request(string EventId);
}
