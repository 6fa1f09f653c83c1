using System.Text;
using System.Text.Json.Nodes;
using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Zoom.Api;

namespace Connectors.Mcp.Zoom.Meetings.Actions;

/// <summary>
/// <c>update_meeting</c>: <c>PATCH meetings/{meetingId}</c> with only the given fields (204), then the meeting as it is
/// now. Counts against Zoom's daily create/update limit. Defaults to Approve (registrants may be emailed the change).
/// After an ambiguous PATCH the find step reads the meeting: every given field as asked → applied, else not applied.
/// </summary>
internal static class UpdateMeetingAction
{
    public const string Name = "update_meeting";

    public static ConnectorAction Declaration { get; } = new()
    {
        Name = Name,
        Title = "Update a Zoom meeting",
        Description = "Change or add fields of a meeting; the others stay.",
        InputSchema = SchemaJson.Parse($$"""
            {
              "type": "object",
              "properties": {
                {{MeetingSchema.MeetingIdProperty}},
                {{MeetingSchema.MeetingProperties}}
              },
              "required": ["meeting_id"],
              "additionalProperties": false
            }
            """),
        OutputSchema = SchemaJson.Parse(MeetingSchema.MeetingOutputSchema()),
        Annotations = new ActionAnnotations(ReadOnly: false, Destructive: true, Idempotent: true, OpenWorld: true),
        DefaultPolicy = ApprovalPolicy.Approve,
        ContentArguments = ["topic", "agenda", "password"],
        Describe = arguments => Describe(Parse(new ActionArguments(arguments))),
        Handler = new ActionHandler<ZoomApi, Request>(
            arguments => Parse(new ActionArguments(arguments)),
            (api, request, _, cancellationToken) => RunAsync(api, request, cancellationToken),
            async (api, request, _, cancellationToken) => await FindUpdatedAsync(api, request, cancellationToken).ConfigureAwait(false)),
    };

    public static Request Parse(ActionArguments arguments)
    {
        arguments.RejectUnknown(["meeting_id", .. MeetingFields.Names]);
        var meetingId = ZoomMeetingIds.Validate("meeting_id", arguments.RequiredString("meeting_id"));
        var fields = MeetingFields.Parse(arguments, localNeedsZone: true);
        return fields.IsEmpty ? throw new ConnectorValidationException("meeting_id", "give at least one field to change.") : new Request(meetingId, fields);
    }

    public static async Task<JsonObject> RunAsync(ZoomApi api, Request request, CancellationToken cancellationToken)
    {
        await api.PatchAsync($"meetings/{request.MeetingId}", request.Fields.ToZoom(create: false, marker: null), Resource(request), cancellationToken).ConfigureAwait(false);
        return MeetingOutput.Meeting(await api.GetAsync($"meetings/{request.MeetingId}", Resource(request), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>After an ambiguous update: the meeting read back; applied when topic, start, duration and agenda are as asked.</summary>
    public static async Task<WriteOutcome> FindUpdatedAsync(ZoomApi api, Request request, CancellationToken cancellationToken)
    {
        var meeting = await api.GetAsync($"meetings/{request.MeetingId}", Resource(request), cancellationToken).ConfigureAwait(false);
        var fields = request.Fields;
        var applied =
            (fields.Topic is null || MeetingOutput.Text(meeting, "topic") == fields.Topic)
            && (fields.Agenda is null || MeetingOutput.Text(meeting, "agenda") == fields.Agenda)
            && (fields.Duration is null || (meeting["duration"] is JsonValue d && d.TryGetValue<int>(out var minutes) && minutes == fields.Duration))
            && (fields.Time is null || (MeetingOutput.Text(meeting, "start_time") is { } s
                && DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
                && at == fields.Time.Start));
        return applied ? WriteOutcome.Applied(MeetingOutput.Meeting(meeting)) : WriteOutcome.NotApplied;
    }

    public static string Describe(Request request)
    {
        var summary = new StringBuilder();
        summary.Append("Update Zoom meeting ").Append(request.MeetingId).AppendLine(" (only these fields change):");
        request.Fields.Describe(summary, "New ");
        summary.AppendLine("Notifications: Zoom emails no one except, when the meeting has registration, its registrants about the change.");
        return summary.ToString().TrimEnd();
    }

    private static string Resource(Request request) => $"Zoom meeting '{request.MeetingId}'";

    public sealed record Request(string MeetingId, MeetingFields Fields);
}
