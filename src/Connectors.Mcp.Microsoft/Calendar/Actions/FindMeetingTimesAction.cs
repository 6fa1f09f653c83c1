using System.Globalization;
using System.Text.Json.Nodes;
using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Connectors.Scheduling;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Microsoft.Calendar.Parsing;
using Connectors.Mcp.Microsoft.Graph;

namespace Connectors.Mcp.Microsoft.Calendar.Actions;

/// <summary>
/// <c>find_meeting_times</c>: the user's busy time from the calendar view, the attendees' from
/// <c>POST /me/calendar/getSchedule</c>, then the toolkit's <see cref="MeetingSlotFinder"/> inside working hours as
/// wall-clock time in the given zone. Chosen over Graph's <c>findMeetingTimes</c> because that one decides working hours
/// from each mailbox's settings, returns suggestions ranked by a confidence score rather than every common slot, and
/// cannot say whose availability it failed to read; getSchedule gives the raw busy intervals per address (and a per-address
/// error), so the result means exactly what Google Calendar's find_meeting_slots means, DST-correct in an explicit zone.
/// Attendees whose schedule Graph cannot read are left out and listed.
/// </summary>
internal static class FindMeetingTimesAction
{
    public const string Name = "find_meeting_times";
    public const int DefaultMaxResults = 10;
    public const int MaxResultsLimit = 50;
    public const int MinDuration = 5;
    public const int MaxDuration = 720;

    /// <summary>Slots start on quarter hours of local time.</summary>
    public static readonly TimeSpan Alignment = TimeSpan.FromMinutes(15);

    public static ConnectorAction Declaration { get; } = new()
    {
        Name = Name,
        Title = "Find meeting times",
        Description =
            "Free slots common to the user and attendees between time_min and time_max, in working " +
            "hours and days. POLICY: an attendee whose schedule Outlook cannot read is LEFT OUT of the computation and " +
            "listed in unavailable_attendees.",
        InputSchema = SchemaJson.Parse($$"""
            {
              "type": "object",
              "properties": {
                "attendees": { "type": "array", "maxItems": {{BusyLookup.MaxAttendees}}, "items": { "type": "string", "maxLength": 254, "pattern": "{{AttendeeAddresses.Pattern}}" }, "description": "Other people; the user is always included." },
                "duration_minutes": { "type": "integer", "minimum": {{MinDuration}}, "maximum": {{MaxDuration}} },
                "time_min": { "$ref": "#/$defs/instant", "description": "Earliest start." },
                "time_max": { "$ref": "#/$defs/instant", "description": "Latest end; at most 62 days after time_min." },
                "time_zone": { "type": "string", "maxLength": {{CalendarTimeZone.MaxLength}}, "pattern": "{{CalendarTimeZone.IanaPattern}}", "description": "IANA zone of working hours and slots." },
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
              "$defs": { "instant": { "type": "string", "maxLength": 40, "pattern": "{{CalendarTime.InstantPattern}}" } }
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
                "has_more": { "type": "boolean", "description": "True when more slots would fit after the last one." },
                "attendees_considered": { "type": "array", "items": { "type": "string" } },
                "unavailable_attendees": {
                  "type": "array",
                  "description": "Attendees left out because Outlook could not read their schedule: the slots do not account for them.",
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
        Handler = new ActionHandler<GraphClient, Request>(
            arguments => Parse(new ActionArguments(arguments)),
            (graph, request, _, cancellationToken) => RunAsync(graph, request, cancellationToken)),
    };

    public static Request Parse(ActionArguments arguments)
    {
        arguments.RejectUnknown("attendees", "duration_minutes", "time_min", "time_max", "time_zone", "working_hours", "working_days", "max_results");
        var attendees = AttendeeAddresses.Parse(arguments, "attendees", BusyLookup.MaxAttendees);
        if (!arguments.Has("duration_minutes"))
        {
            throw new ConnectorValidationException("duration_minutes", "is required.");
        }

        var duration = TimeSpan.FromMinutes(arguments.OptionalInt("duration_minutes", 0, MinDuration, MaxDuration));
        var window = new TimeRange(
            CalendarTime.ParseInstant("time_min", arguments.RequiredString("time_min")),
            CalendarTime.ParseInstant("time_max", arguments.RequiredString("time_max")));
        if (window.IsEmpty)
        {
            throw new ConnectorValidationException("time_max", "must be after time_min.");
        }

        if (window.Length > BusyLookup.MaxWindow)
        {
            throw new ConnectorValidationException("time_max", "is more than 62 days after time_min; ask for a shorter window.");
        }

        var zone = CalendarTimeZone.ResolveIana("time_zone", arguments.RequiredString("time_zone"));
        var hours = WorkingTime.ParseHours(arguments.OptionalObject("working_hours"));
        if (hours.End - hours.Start < duration)
        {
            throw new ConnectorValidationException("duration_minutes", $"is longer than the working hours ({hours}).");
        }

        var days = WorkingTime.ParseDays(arguments.Has("working_days") ? arguments.StringList("working_days") : WorkingTime.DefaultDays);
        var max = arguments.OptionalInt("max_results", DefaultMaxResults, 1, MaxResultsLimit);
        return new Request(attendees, new SlotSearch(window, zone, hours, days, duration, Alignment, max));
    }

    public static async Task<JsonObject> RunAsync(GraphClient graph, Request request, CancellationToken cancellationToken)
    {
        var search = request.Search;
        var own = await BusyLookup.OwnAsync(graph, search.Window, cancellationToken).ConfigureAwait(false);
        var others = await BusyLookup.AttendeesAsync(graph, search.Window, request.Attendees, cancellationToken).ConfigureAwait(false);
        var considered = others.Where(o => !o.Failed).ToList();
        var unavailable = others.Where(o => o.Failed).ToList();
        var result = MeetingSlotFinder.Find(search, own.Concat(considered.SelectMany(c => c.Busy)));

        return new JsonObject
        {
            ["time_zone"] = search.Zone.Id,
            ["duration_minutes"] = (int)search.Duration.TotalMinutes,
            ["working_hours"] = new JsonObject { ["start"] = WorkingHours.Format(search.Hours.Start), ["end"] = WorkingHours.Format(search.Hours.End) },
            ["working_days"] = new JsonArray(WorkingTime.Names(search.WorkingDays).Select(d => (JsonNode?)d).ToArray()),
            ["slots"] = new JsonArray(result.Slots.Select(s => (JsonNode?)new JsonObject
            {
                ["start"] = CalendarTime.FormatIn(s.Start, search.Zone),
                ["end"] = CalendarTime.FormatIn(s.End, search.Zone),
            }).ToArray()),
            ["has_more"] = result.HasMore,
            ["attendees_considered"] = new JsonArray(considered.Select(c => (JsonNode?)c.Address).ToArray()),
            ["unavailable_attendees"] = new JsonArray(unavailable.Select(c => (JsonNode?)new JsonObject { ["email"] = c.Address, ["reason"] = c.Error }).ToArray()),
            ["note"] = Note(request, result, unavailable),
        };
    }

    private static string? Note(Request request, SlotSearchResult result, IReadOnlyList<BusyLookup.AttendeeBusy> unavailable)
    {
        var parts = new List<string>();
        if (unavailable.Count > 0)
        {
            parts.Add(
                $"Left out of the computation because Outlook could not read their schedule: {string.Join(", ", unavailable.Select(u => $"{u.Address} ({u.Error})"))}. " +
                "The slots may not suit them; check with them another way.");
        }

        if (result.Slots.Count == 0)
        {
            var search = request.Search;
            var who = request.Attendees.Count - unavailable.Count > 0 ? "the user and the attendees considered" : "the user";
            var minutes = ((int)search.Duration.TotalMinutes).ToString(CultureInfo.InvariantCulture);
            parts.Add(
                $"No common free slot of {minutes} minutes for {who} between {CalendarTime.FormatIn(search.Window.Start, search.Zone)} and " +
                $"{CalendarTime.FormatIn(search.Window.End, search.Zone)} within working hours {search.Hours} on {string.Join(", ", WorkingTime.Names(search.WorkingDays))} ({search.Zone.Id}). " +
                "Try a wider window, a shorter meeting, or other working hours or days.");
        }

        return parts.Count > 0 ? string.Join(" ", parts) : null;
    }

    public sealed record Request(IReadOnlyList<string> Attendees, SlotSearch Search);
}
