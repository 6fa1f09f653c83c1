using System.Text;
using System.Text.Json.Nodes;
using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Zoom.Api;

namespace Connectors.Mcp.Zoom.Meetings.Actions;

/// <summary>
/// <c>delete_meeting</c>: <c>DELETE meetings/{meetingId}?schedule_for_reminder=true&amp;cancel_meeting_reminder=…</c>
/// (204): Zoom emails the host a cancellation, and registrants too when asked. After an ambiguous delete the find step
/// reads the meeting: gone (404) means done.
/// </summary>
internal static class DeleteMeetingAction
{
    public const string Name = "delete_meeting";

    public static ConnectorAction Declaration { get; } = new()
    {
        Name = Name,
        Title = "Delete a Zoom meeting",
        Description = "Delete a meeting; its join link stops working.",
        InputSchema = SchemaJson.Parse($$"""
            {
              "type": "object",
              "properties": {
                {{MeetingSchema.MeetingIdProperty}},
                "notify_registrants": { "type": "boolean", "default": false, "description": "Email registrants a cancellation." }
              },
              "required": ["meeting_id"],
              "additionalProperties": false
            }
            """),
        OutputSchema = SchemaJson.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "deleted": { "type": "boolean", "const": true },
                "meeting_id": { "type": "string" }
              },
              "required": ["deleted", "meeting_id"],
              "additionalProperties": false
            }
            """),
        Annotations = new ActionAnnotations(ReadOnly: false, Destructive: true, Idempotent: true, OpenWorld: true),
        DefaultPolicy = ApprovalPolicy.Approve,
        Describe = arguments => Describe(Parse(new ActionArguments(arguments))),
        Handler = new ActionHandler<ZoomApi, Request>(
            arguments => Parse(new ActionArguments(arguments)),
            (api, request, _, cancellationToken) => RunAsync(api, request, cancellationToken),
            async (api, request, _, cancellationToken) => await FindDeletedAsync(api, request, cancellationToken).ConfigureAwait(false)),
    };

    public static Request Parse(ActionArguments arguments)
    {
        arguments.RejectUnknown("meeting_id", "notify_registrants");
        return new Request(ZoomMeetingIds.Validate("meeting_id", arguments.RequiredString("meeting_id")), arguments.OptionalBool("notify_registrants") ?? false);
    }

    public static async Task<JsonObject> RunAsync(ZoomApi api, Request request, CancellationToken cancellationToken)
    {
        var notify = request.NotifyRegistrants ? "true" : "false";
        await api.DeleteAsync($"meetings/{request.MeetingId}?schedule_for_reminder=true&cancel_meeting_reminder={notify}", Resource(request), cancellationToken).ConfigureAwait(false);
        return Deleted(request);
    }

    /// <summary>After an ambiguous delete: gone (404) → applied; still there → not applied.</summary>
    public static async Task<WriteOutcome> FindDeletedAsync(ZoomApi api, Request request, CancellationToken cancellationToken)
    {
        try
        {
            await api.GetAsync($"meetings/{request.MeetingId}", Resource(request), cancellationToken).ConfigureAwait(false);
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
        summary.Append("Delete Zoom meeting ").Append(request.MeetingId).AppendLine(": its join link stops working for everyone.");
        summary.Append("Notifications: Zoom emails the host (and alternative hosts) a cancellation");
        summary.AppendLine(request.NotifyRegistrants ? ", and every registrant." : "; registrants are not told.");
        return summary.ToString().TrimEnd();
    }

    private static JsonObject Deleted(Request request) => new() { ["deleted"] = true, ["meeting_id"] = request.MeetingId };

    private static string Resource(Request request) => $"Zoom meeting '{request.MeetingId}'";

    public sealed record Request(string MeetingId, bool NotifyRegistrants);
}
