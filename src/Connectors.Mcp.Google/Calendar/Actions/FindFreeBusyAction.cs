using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Google.Calendar.Parsing;
using Connectors.Mcp.Connectors.Scheduling;

namespace Connectors.Mcp.Google.Calendar.Actions;

/// <summary><c>find_free_busy</c>: freeBusy.query for the user's own calendar and the attendees.</summary>
internal static class FindFreeBusyAction
{
    public const string Name = "find_free_busy";

    public static ConnectorAction Declaration { get; } = new()
    {
        Name = Name,
        Title = "Check free/busy",
        Description =
            "Busy intervals of the user and attendees between time_min and time_max. A calendar Google " +
            "cannot read comes back with errors, which does not mean free. For free slots use find_meeting_slots.",
        // attendees: at most FreeBusyLookup.MaxAttendees (49) plus the user's own calendar, the 50 calendars a freeBusy
        // query answers for ("calendarExpansionMax … Maximum value is 50", Calendar API freebusy.query,
        // https://developers.google.com/calendar/api/v3/reference/freebusy/query).
        InputSchema = SchemaJson.Parse($$"""
            {
              "type": "object",
              "properties": {
                "time_min": { "$ref": "#/$defs/instant", "description": "Window start." },
                "time_max": { "$ref": "#/$defs/instant", "description": "Window end; at most 62 days after time_min." },
                "attendees": { "type": "array", "maxItems": {{FreeBusyLookup.MaxAttendees}}, "items": { "type": "string", "maxLength": 254, "pattern": "{{AttendeeAddresses.Pattern}}" }, "description": "Other people (or calendar ids); the user's calendar is always included." },
                "time_zone": { "type": "string", "maxLength": {{IanaTimeZone.MaxLength}}, "pattern": "{{IanaTimeZone.Pattern}}", "description": "IANA zone of the returned times (default UTC)." }
              },
              "required": ["time_min", "time_max"],
              "additionalProperties": false,
              "$defs": { "instant": { "type": "string", "maxLength": 40, "pattern": "{{Rfc3339.InstantPattern}}" } }
            }
            """),
        OutputSchema = SchemaJson.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "time_min": { "type": "string" },
                "time_max": { "type": "string" },
                "time_zone": { "type": "string", "description": "The zone the times are written in." },
                "calendars": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "properties": {
                      "id": { "type": "string", "description": "'primary' for the user's own calendar, else the address asked for." },
                      "busy": {
                        "type": "array",
                        "items": {
                          "type": "object",
                          "properties": { "start": { "type": "string" }, "end": { "type": "string" } },
                          "required": ["start", "end"],
                          "additionalProperties": false
                        }
                      },
                      "errors": {
                        "type": "array",
                        "description": "Why Google could not read this calendar (e.g. notFound); empty when it could.",
                        "items": {
                          "type": "object",
                          "properties": { "domain": { "type": "string" }, "reason": { "type": "string" } },
                                                    "additionalProperties": false
                        }
                      }
                    },
                    "required": ["id", "busy", "errors"],
                    "additionalProperties": false
                  }
                }
              },
              "required": ["time_min", "time_max", "time_zone", "calendars"],
              "additionalProperties": false
            }
            """),
        Annotations = ActionAnnotations.Read,
        DefaultPolicy = ApprovalPolicy.Auto,
        Handler = new ActionHandler<CalendarApi, Request>(
            arguments => Parse(new ActionArguments(arguments)),
            (api, request, _, cancellationToken) => RunAsync(api, request, cancellationToken)),
    };

    public static Request Parse(ActionArguments arguments)
    {
        arguments.RejectUnknown("time_min", "time_max", "attendees", "time_zone");
        var window = new TimeRange(
            Rfc3339.ParseInstant("time_min", arguments.RequiredString("time_min")),
            Rfc3339.ParseInstant("time_max", arguments.RequiredString("time_max")));
        FreeBusyLookup.ValidateWindow(window);
        var attendees = AttendeeAddresses.Parse(arguments, "attendees", FreeBusyLookup.MaxAttendees);
        var zone = arguments.OptionalString("time_zone") is { } id ? IanaTimeZone.Resolve("time_zone", id) : TimeZoneInfo.Utc;
        return new Request(window, attendees, zone);
    }

    public static async Task<JsonObject> RunAsync(CalendarApi api, Request request, CancellationToken cancellationToken)
    {
        var calendars = await FreeBusyLookup.QueryAsync(api, request.Window, request.Attendees, request.Zone, cancellationToken).ConfigureAwait(false);
        return new JsonObject
        {
            ["time_min"] = Rfc3339.FormatIn(request.Window.Start, request.Zone),
            ["time_max"] = Rfc3339.FormatIn(request.Window.End, request.Zone),
            ["time_zone"] = request.Zone.Id,
            ["calendars"] = new JsonArray(calendars.Select(c => (JsonNode?)new JsonObject
            {
                ["id"] = c.Id,
                ["busy"] = new JsonArray(MeetingSlotFinder.Merge(c.Busy).Select(b => (JsonNode?)new JsonObject
                {
                    ["start"] = Rfc3339.FormatIn(b.Start, request.Zone),
                    ["end"] = Rfc3339.FormatIn(b.End, request.Zone),
                }).ToArray()),
                ["errors"] = new JsonArray(c.Errors.Select(e => (JsonNode?)new JsonObject { ["domain"] = e.Domain, ["reason"] = e.Reason }).ToArray()),
            }).ToArray()),
        };
    }

    public sealed record Request(TimeRange Window, IReadOnlyList<string> Attendees, TimeZoneInfo Zone);
}
