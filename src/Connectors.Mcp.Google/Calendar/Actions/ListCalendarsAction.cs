using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Google.Calendar.Models;

namespace Connectors.Mcp.Google.Calendar.Actions;

/// <summary><c>list_calendars</c>: calendarList.list, every page.</summary>
internal static class ListCalendarsAction
{
    public const string Name = "list_calendars";
    private const int MaxPages = 8;

    public static ConnectorAction Declaration { get; } = new()
    {
        Name = Name,
        Title = "List Google calendars",
        Description =
            "List the user's calendars: ids (for calendar_id), names, which is primary, access role and time zone.",
        InputSchema = SchemaJson.Parse("""
            {
              "type": "object",
              "properties": {},
              "additionalProperties": false
            }
            """),
        OutputSchema = SchemaJson.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "calendars": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "properties": {
                      "id": { "type": "string", "description": "Calendar id, for calendar_id." },
                      "summary": { "type": "string", "description": "The calendar's name as the user sees it." },
                      "primary": { "type": "boolean", "description": "True for the user's own main calendar ('primary')." },
                      "access_role": { "type": "string", "description": "owner, writer, reader or freeBusyReader." },
                      "time_zone": { "type": "string", "description": "IANA time zone of the calendar." }
                    },
                    "required": ["id", "primary", "access_role"],
                    "additionalProperties": false
                  }
                }
              },
              "required": ["calendars"],
              "additionalProperties": false
            }
            """),
        Annotations = ActionAnnotations.Read,
        DefaultPolicy = ApprovalPolicy.Auto,
        Handler = new ActionHandler<CalendarApi, ActionArguments>(
            arguments => Parse(new ActionArguments(arguments)),
            (api, _, _, cancellationToken) => RunAsync(api, cancellationToken)),
    };

    public static ActionArguments Parse(ActionArguments arguments)
    {
        arguments.RejectUnknown();
        return arguments;
    }

    public static async Task<JsonObject> RunAsync(CalendarApi api, CancellationToken cancellationToken)
    {
        var entries = new List<CalendarListEntry>();
        string? pageToken = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var list = await api.ListCalendarsAsync(pageToken, cancellationToken).ConfigureAwait(false);
            entries.AddRange((list.Items ?? []).Where(c => !string.IsNullOrEmpty(c.Id)));
            pageToken = list.NextPageToken;
            if (string.IsNullOrEmpty(pageToken))
            {
                break;
            }
        }

        return new JsonObject
        {
            ["calendars"] = new JsonArray(entries.Select(c => (JsonNode?)new JsonObject
            {
                ["id"] = c.Id,
                ["summary"] = c.SummaryOverride ?? c.Summary,
                ["primary"] = c.Primary ?? false,
                ["access_role"] = c.AccessRole ?? "reader",
                ["time_zone"] = c.TimeZone,
            }).ToArray()),
        };
    }
}
