using System.Text;
using System.Text.Json.Nodes;
using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Zoom.Api;

namespace Connectors.Mcp.Zoom.Meetings.Actions;

/// <summary>
/// <c>create_meeting</c>: <c>POST users/me/meetings</c> (201, the meeting object), a scheduled meeting (type 2) whose
/// agenda carries a reference derived from the call's idempotency key (<see cref="AgendaMarker"/>). Never re-sent: when
/// the outcome is unknown (dropped connection, timeout, 5xx), the find step looks for a scheduled meeting with the same
/// topic, start time and reference. Defaults to Approve: it creates a meeting link in the user's account.
/// </summary>
internal static class CreateMeetingAction
{
    public const string Name = "create_meeting";

    /// <summary>How many pages of scheduled meetings the find step reads (300 each).</summary>
    public const int MaxFindPages = 5;

    public static ConnectorAction Declaration { get; } = new()
    {
        Name = Name,
        Title = "Create a Zoom meeting",
        Description = "Schedule a Zoom meeting; returns its link to share.",
        InputSchema = SchemaJson.Parse($$"""
            {
              "type": "object",
              "properties": {
                {{MeetingSchema.MeetingProperties}}
              },
              "required": ["topic", "start_time"],
              "additionalProperties": false
            }
            """),
        OutputSchema = SchemaJson.Parse(MeetingSchema.MeetingOutputSchema()),
        Annotations = new ActionAnnotations(ReadOnly: false, Destructive: false, Idempotent: false, OpenWorld: true),
        DefaultPolicy = ApprovalPolicy.Approve,
        ContentArguments = ["topic", "agenda", "password"],
        Describe = arguments => Describe(Parse(new ActionArguments(arguments))),
        Handler = new ActionHandler<ZoomApi, MeetingFields>(
            arguments => Parse(new ActionArguments(arguments)),
            (api, request, context, cancellationToken) => RunAsync(api, request, AgendaMarker.For(context, Name), cancellationToken),
            (api, request, context, cancellationToken) => FindCreatedAsync(api, request, AgendaMarker.For(context, Name), cancellationToken)),
    };

    public static MeetingFields Parse(ActionArguments arguments)
    {
        arguments.RejectUnknown(MeetingFields.Names);
        var fields = MeetingFields.Parse(arguments, localNeedsZone: false);
        if (fields.Topic is null)
        {
            throw new ConnectorValidationException("topic", "is required.");
        }

        return fields.Time is null ? throw new ConnectorValidationException("start_time", "is required.") : fields with { Duration = fields.Duration ?? 30 };
    }

    public static async Task<JsonObject> RunAsync(ZoomApi api, MeetingFields request, string? marker, CancellationToken cancellationToken)
    {
        var created = await api.PostAsync("users/me/meetings", request.ToZoom(create: true, marker), "The Zoom user 'me'", cancellationToken).ConfigureAwait(false);
        return MeetingOutput.Meeting(created);
    }

    /// <summary>
    /// After an ambiguous create: the user's scheduled meetings, searched for this topic, start time and reference.
    /// Applied when one matches (read in full), not applied otherwise; null when the call had no reference to look for.
    /// Never re-sends.
    /// </summary>
    public static async Task<WriteOutcome?> FindCreatedAsync(ZoomApi api, MeetingFields request, string? marker, CancellationToken cancellationToken)
    {
        if (marker is null)
        {
            return null;
        }

        string? pageToken = null;
        for (var page = 0; page < MaxFindPages; page++)
        {
            var query = "users/me/meetings?type=scheduled&page_size=300" + (pageToken is null ? "" : "&next_page_token=" + Uri.EscapeDataString(pageToken));
            var list = await api.GetAsync(query, "The Zoom user 'me'", cancellationToken).ConfigureAwait(false);
            foreach (var meeting in (list["meetings"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (!SameTopicAndStart(meeting, request))
                {
                    continue;
                }

                // List items may carry a shortened agenda: the reference is checked on the meeting itself.
                var id = MeetingOutput.Id(meeting);
                var full = await api.GetAsync($"meetings/{ZoomMeetingIds.Validate("id", id)}", $"Zoom meeting '{id}'", cancellationToken).ConfigureAwait(false);
                if (MeetingOutput.Text(full, "agenda") is { } agenda && agenda.Contains(marker, StringComparison.Ordinal))
                {
                    return WriteOutcome.Applied(MeetingOutput.Meeting(full));
                }
            }

            pageToken = MeetingOutput.Text(list, "next_page_token");
            if (string.IsNullOrEmpty(pageToken))
            {
                return WriteOutcome.NotApplied;
            }
        }

        return null; // too many meetings to be sure
    }

    public static string Describe(MeetingFields request)
    {
        var summary = new StringBuilder();
        summary.AppendLine("Create this Zoom meeting in the connected account:");
        request.Describe(summary, "");
        summary.Append("Notifications: none. Zoom emails no one when a meeting is created; the join link goes back to the agent");
        summary.AppendLine(request.Registration is "automatic" or "manual" ? ", and people who register later get Zoom's confirmation email." : ".");
        return summary.ToString().TrimEnd();
    }

    private static bool SameTopicAndStart(JsonObject meeting, MeetingFields request) =>
        string.Equals(MeetingOutput.Text(meeting, "topic"), request.Topic, StringComparison.Ordinal)
        && MeetingOutput.Text(meeting, "start_time") is { } start
        && DateTimeOffset.TryParse(start, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
        && at == request.Time!.Start;
}
