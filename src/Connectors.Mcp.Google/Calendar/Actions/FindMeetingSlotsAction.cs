using System.Globalization;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Google.Calendar.Parsing;
using Connectors.Mcp.Connectors.Scheduling;

namespace Connectors.Mcp.Google.Calendar.Actions;

/// <summary>
/// <c>find_meeting_slots</c>: one freeBusy query, then <see cref="MeetingSlotFinder"/> inside working hours in the
/// given time zone. Attendees whose free/busy Google cannot read are left out of the computation and listed.
/// </summary>
internal static class FindMeetingSlotsAction
{
    public const string Name = "find_meeting_slots";
    public const int DefaultMaxResults = 10;
    public const int MaxResultsLimit = 50;
    public const int MinDuration = 5;
    public const int MaxDuration = 720;

    /// <summary>Slots start on quarter hours of local time.</summary>
    public static readonly TimeSpan Alignment = TimeSpan.FromMinutes(15);



    public static ConnectorAction Declaration { get; } = new()
    {
        Name = Name,
        Title = "Find meeting slots",
        Description =
            "Free slots common to the user and attendees between time_min and time_max, in working " +
            "hours and days. POLICY: an attendee whose free/busy Google cannot read is LEFT OUT of the computation and " +
            "listed in unavailable_attendees.",
        // working_days: at most the 7 days of a week. attendees: at most FreeBusyLookup.MaxAttendees (49) plus the user's own calendar, the 50 calendars a freeBusy
        // query answers for ("calendarExpansionMax … Maximum value is 50", Calendar API freebusy.query,
        // https://developers.google.com/calendar/api/v3/reference/freebusy/query).
        InputSchema = SchemaJson.Parse($$"""
            {
              "type": "object",
              "properties": {
                "attendees": { "type": "array", "maxItems": {{FreeBusyLookup.MaxAttendees}}, "items": { "type": "string", "maxLength": 254, "pattern": "{{AttendeeAddresses.Pattern}}" }, "description": "Other people; the user is always included." },
                "duration_minutes": { "type": "integer", "minimum": {{MinDuration}}, "maximum": {{MaxDuration}} },
                "time_min": { "$ref": "#/$defs/instant", "description": "Earliest start." },
                "time_max": { "$ref": "#/$defs/instant", "description": "Latest end; at most 62 days after time_min." },
                "time_zone": { "type": "string", "maxLength": {{IanaTimeZone.MaxLength}}, "pattern": "{{IanaTimeZone.Pattern}}", "description": "IANA zone of working hours and slots." },
                "working_hours": {
                  "type": "object",
                  "properties": {
                    "start": { "type": "string", "pattern": "{{WorkingTime.TimeOfDayPattern}}", "default": "09:00" },
                    "end": { "type": "string", "pattern": "{{WorkingTime.TimeOfDayPattern}}", "default": "17:00", "description": "24:00 = midnight; after start." }
                  },
                  "required": ["start", "end"],
                  "additionalProperties": false
                },
                "working_days": { "type": "array", "minItems": 1, "maxItems": 7, "uniqueItems": true, "items": { "type": "string", "enum": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] }, "default": ["monday", "tuesday", "wednesday", "thursday", "friday"] },
                "max_results": { "type": "integer", "minimum": 1, "maximum": {{MaxResultsLimit}}, "default": {{DefaultMaxResults}} }
              },
              "required": ["duration_minutes", "time_min", "time_max", "time_zone"],
              "additionalProperties": false,
              "$defs": { "instant": { "type": "string", "maxLength": 40, "pattern": "{{Rfc3339.InstantPattern}}" } }
            }
            """),
        OutputSchema = SchemaJson.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "time_zone": { "type": "string" },
                "duration_minutes": { "type": "integer" },
                "working_hours": {
                  "type": "object",
                  "properties": { "start": { "type": "string" }, "end": { "type": "string" } },
                  "required": ["start", "end"],
                  "additionalProperties": false
                },
                "working_days": { "type": "array", "items": { "type": "string" } },
                "slots": {
                  "type": "array",
                  "description": "Free for the user and every attendee considered; RFC 3339 wall-clock times in time_zone with their offset.",
                  "items": {
                    "type": "object",
                    "properties": { "start": { "type": "string" }, "end": { "type": "string" } },
                    "required": ["start", "end"],
                    "additionalProperties": false
                  }
                },
                "has_more": { "type": "boolean", "description": "True when more slots would fit after the last one (raise max_results or move time_min)." },
                "attendees_considered": { "type": "array", "items": { "type": "string" }, "description": "Attendees whose free/busy was used (the user's own calendar always is)." },
                "unavailable_attendees": {
                  "type": "array",
                  "description": "Attendees left out because Google could not read their free/busy: the slots do not account for them.",
                  "items": {
                    "type": "object",
                    "properties": { "email": { "type": "string" }, "reason": { "type": "string" } },
                    "required": ["email", "reason"],
                    "additionalProperties": false
                  }
                },
                "note": { "type": "string", "description": "Why there is no slot, or who was left out; absent when there is nothing to add." }
              },
              "required": ["time_zone", "duration_minutes", "working_hours", "working_days", "slots", "has_more", "attendees_considered", "unavailable_attendees"],
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
        arguments.RejectUnknown("attendees", "duration_minutes", "time_min", "time_max", "time_zone", "working_hours", "working_days", "max_results");
        var attendees = AttendeeAddresses.Parse(arguments, "attendees", FreeBusyLookup.MaxAttendees);
        if (!arguments.Has("duration_minutes"))
        {
            throw new ConnectorValidationException("duration_minutes", "is required.");
        }

        var duration = TimeSpan.FromMinutes(arguments.OptionalInt("duration_minutes", 0, MinDuration, MaxDuration));
        var window = new TimeRange(
            Rfc3339.ParseInstant("time_min", arguments.RequiredString("time_min")),
            Rfc3339.ParseInstant("time_max", arguments.RequiredString("time_max")));
        FreeBusyLookup.ValidateWindow(window);
        var zone = IanaTimeZone.Resolve("time_zone", arguments.RequiredString("time_zone"));
        var hours = WorkingTime.ParseHours(arguments.OptionalObject("working_hours"));
        if (hours.End - hours.Start < duration)
        {
            throw new ConnectorValidationException("duration_minutes", $"is longer than the working hours ({hours}).");
        }

        var days = WorkingTime.ParseDays(arguments.Has("working_days") ? arguments.StringList("working_days") : WorkingTime.DefaultDays);

        var max = arguments.OptionalInt("max_results", DefaultMaxResults, 1, MaxResultsLimit);
        return new Request(attendees, new SlotSearch(window, zone, hours, days, duration, Alignment, max));
    }

    public static async Task<JsonObject> RunAsync(CalendarApi api, Request request, CancellationToken cancellationToken)
    {
        var search = request.Search;
        var calendars = await FreeBusyLookup.QueryAsync(api, search.Window, request.Attendees, search.Zone, cancellationToken).ConfigureAwait(false);
        var own = calendars[0];
        if (own.Failed)
        {
            throw new ProviderException($"Google Calendar could not read the user's own free/busy ({own.Reasons}), so no slot can be proposed.");
        }

        var considered = calendars.Skip(1).Where(c => !c.Failed).ToList();
        var unavailable = calendars.Skip(1).Where(c => c.Failed).ToList();
        var result = MeetingSlotFinder.Find(search, calendars.Where(c => !c.Failed).SelectMany(c => c.Busy));

        return new JsonObject
        {
            ["time_zone"] = search.Zone.Id,
            ["duration_minutes"] = (int)search.Duration.TotalMinutes,
            ["working_hours"] = new JsonObject { ["start"] = WorkingHours.Format(search.Hours.Start), ["end"] = WorkingHours.Format(search.Hours.End) },
            ["working_days"] = new JsonArray(WorkingTime.Names(search.WorkingDays).Select(d => (JsonNode?)d).ToArray()),
            ["slots"] = new JsonArray(result.Slots.Select(s => (JsonNode?)new JsonObject
            {
                ["start"] = Rfc3339.FormatIn(s.Start, search.Zone),
                ["end"] = Rfc3339.FormatIn(s.End, search.Zone),
            }).ToArray()),
            ["has_more"] = result.HasMore,
            ["attendees_considered"] = new JsonArray(considered.Select(c => (JsonNode?)c.Id).ToArray()),
            ["unavailable_attendees"] = new JsonArray(unavailable.Select(c => (JsonNode?)new JsonObject { ["email"] = c.Id, ["reason"] = c.Reasons }).ToArray()),
            ["note"] = Note(request, result, unavailable),
        };
    }

    private static string? Note(Request request, SlotSearchResult result, IReadOnlyList<FreeBusyLookup.CalendarBusy> unavailable)
    {
        var parts = new List<string>();
        if (unavailable.Count > 0)
        {
            parts.Add(
                $"Left out of the computation because Google could not read their free/busy: {string.Join(", ", unavailable.Select(u => $"{u.Id} ({u.Reasons})"))}. " +
                "The slots may not suit them; check with them another way.");
        }

        if (result.Slots.Count == 0)
        {
            var search = request.Search;
            var who = request.Attendees.Count - unavailable.Count > 0 ? "the user and the attendees considered" : "the user";
            var minutes = ((int)search.Duration.TotalMinutes).ToString(CultureInfo.InvariantCulture);
            parts.Add(
                $"No common free slot of {minutes} minutes for {who} between {Rfc3339.FormatIn(search.Window.Start, search.Zone)} and " +
                $"{Rfc3339.FormatIn(search.Window.End, search.Zone)} within working hours {search.Hours} on {string.Join(", ", WorkingTime.Names(search.WorkingDays))} ({search.Zone.Id}). " +
                "Try a wider window, a shorter meeting, or other working hours or days.");
        }

        return parts.Count > 0 ? string.Join(" ", parts) : null;
    }

    public sealed record Request(IReadOnlyList<string> Attendees, SlotSearch Search);
}
