using System.Text.Json.Nodes;
using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Zoom.Api;

namespace Connectors.Mcp.Zoom.Meetings.Actions;

/// <summary><c>list_meetings</c>: <c>GET users/me/meetings?type=…&amp;page_size=…&amp;next_page_token=…</c>.</summary>
internal static class ListMeetingsAction
{
    public const string Name = "list_meetings";
    public const int MaxPageTokenLength = 512;

    private static readonly string[] Types = ["upcoming", "scheduled", "previous_meetings"];

    public static ConnectorAction Declaration { get; } = new()
    {
        Name = Name,
        Title = "List Zoom meetings",
        Description = "List the user's meetings, a page at a time.",
        InputSchema = SchemaJson.Parse($$"""
            {
              "type": "object",
              "properties": {
                "type": { "type": "string", "enum": ["upcoming", "scheduled", "previous_meetings"], "default": "upcoming", "description": "Which meetings." },
                "page_size": { "type": "integer", "minimum": 1, "maximum": 300, "default": 30, "description": "Meetings per page." },
                "page_token": { "type": "string", "maxLength": {{MaxPageTokenLength}}, "description": "next_page_token of the previous page." }
              },
              "additionalProperties": false
            }
            """),
        OutputSchema = SchemaJson.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "meetings": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "properties": {
                      "id": { "type": "string" },
                      "topic": { "type": "string" },
                      "start_time": { "type": "string" },
                      "start_local": { "type": "string" },
                      "timezone": { "type": "string" },
                      "duration": { "type": "integer" },
                      "join_url": { "type": "string" }
                    },
                    "required": ["id", "topic", "join_url"],
                    "additionalProperties": false
                  }
                },
                "total_records": { "type": "integer" },
                "next_page_token": { "type": "string", "description": "Absent on the last page." }
              },
              "required": ["meetings"],
              "additionalProperties": false
            }
            """),
        Annotations = ActionAnnotations.Read,
        DefaultPolicy = ApprovalPolicy.Auto,
        Handler = new ActionHandler<ZoomApi, Request>(
            arguments => Parse(new ActionArguments(arguments)),
            (api, request, _, cancellationToken) => RunAsync(api, request, cancellationToken)),
    };

    public static Request Parse(ActionArguments arguments)
    {
        arguments.RejectUnknown("type", "page_size", "page_token");
        var type = arguments.OptionalString("type") ?? "upcoming";
        if (!Types.Contains(type, StringComparer.Ordinal))
        {
            throw new ConnectorValidationException("type", "must be upcoming, scheduled or previous_meetings.");
        }

        var token = arguments.OptionalString("page_token");
        if (token is not null && (token.Length is 0 or > MaxPageTokenLength || token.Any(char.IsControl)))
        {
            throw new ConnectorValidationException("page_token", "must be the next_page_token of an earlier page.");
        }

        return new Request(type, arguments.OptionalInt("page_size", 30, 1, 300), token);
    }

    public static async Task<JsonObject> RunAsync(ZoomApi api, Request request, CancellationToken cancellationToken)
    {
        var query = $"users/me/meetings?type={request.Type}&page_size={request.PageSize}"
            + (request.PageToken is null ? "" : "&next_page_token=" + Uri.EscapeDataString(request.PageToken));
        var page = await api.GetAsync(query, "The Zoom user 'me'", cancellationToken).ConfigureAwait(false);
        var meetings = new JsonArray();
        foreach (var meeting in (page["meetings"] as JsonArray ?? []).OfType<JsonObject>())
        {
            meetings.Add(MeetingOutput.Summary(meeting));
        }

        var next = MeetingOutput.Text(page, "next_page_token");
        return new JsonObject
        {
            ["meetings"] = meetings,
            ["total_records"] = page["total_records"] is JsonValue total && total.TryGetValue<int>(out var n) ? n : null,
            ["next_page_token"] = string.IsNullOrEmpty(next) ? null : next,
        };
    }

    public sealed record Request(string Type, int PageSize, string? PageToken);
}
