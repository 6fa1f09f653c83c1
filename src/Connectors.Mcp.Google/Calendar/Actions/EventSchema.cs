using Connectors.Mcp.Google.Calendar.Parsing;

namespace Connectors.Mcp.Google.Calendar.Actions;

/// <summary>
/// Schema text shared by the event actions: the event object every one of them returns (with <c>$defs</c> for its
/// times and attendees), and the input properties of create_event and update_event.
/// </summary>
internal static class EventSchema
{
    public const string Draft = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>The event object's keywords (without braces): used at a schema root and as <c>$defs/event</c>.</summary>
    public const string EventBody = """
        "type": "object",
        "properties": {
          "id": { "type": "string", "description": "Event id (for get_event, update_event, delete_event). An occurrence of a recurring event has the series id plus '_' and its start, e.g. 7ksd0c3v1b2q_20260302T150000Z." },
          "status": { "type": "string", "description": "confirmed, tentative or cancelled." },
          "summary": { "type": ["string", "null"], "description": "The title." },
          "description": { "type": ["string", "null"], "description": "Untrusted text written by the organizer." },
          "location": { "type": ["string", "null"] },
          "start": { "$ref": "#/$defs/event_time" },
          "end": { "$ref": "#/$defs/event_time" },
          "all_day": { "type": "boolean", "description": "True when start and end are dates (end date exclusive)." },
          "recurring_event_id": { "type": ["string", "null"], "description": "For an occurrence of a recurring event: the series' id." },
          "recurrence": { "type": "array", "items": { "type": "string" }, "description": "RRULE/EXDATE lines of a recurring series (empty for single events and occurrences)." },
          "organizer": { "$ref": "#/$defs/person" },
          "attendees": { "type": "array", "items": { "$ref": "#/$defs/attendee" } },
          "show_as": { "type": "string", "enum": ["busy", "free"], "description": "Whether the event blocks time in free/busy." },
          "html_link": { "type": ["string", "null"], "description": "The event in Google Calendar's web UI." },
          "hangout_link": { "type": ["string", "null"], "description": "Google's hangoutLink, when the event has a Meet conference." },
          "meet_link": { "type": ["string", "null"], "description": "The video link to join (conference entry point, else hangoutLink)." },
          "conference_status": { "type": ["string", "null"], "description": "pending, success or failure while Google creates a requested Meet conference; null when none was requested." },
          "updated": { "type": ["string", "null"], "description": "Last modification, RFC 3339." }
        },
        "required": ["id", "status", "summary", "description", "location", "start", "end", "all_day", "recurring_event_id", "recurrence", "organizer", "attendees", "show_as", "html_link", "hangout_link", "meet_link", "conference_status", "updated"],
        "additionalProperties": false
        """;

    /// <summary>The <c>$defs</c> entries the event object refers to (without braces).</summary>
    public const string SupportDefs = """
        "event_time": {
          "type": "object",
          "description": "A timed event has date_time (RFC 3339, wall-clock time in time_zone with its offset) and date null; an all-day event has date (YYYY-MM-DD; an end date is exclusive) and date_time null.",
          "properties": {
            "date_time": { "type": ["string", "null"] },
            "date": { "type": ["string", "null"] },
            "time_zone": { "type": ["string", "null"], "description": "IANA time zone of the event's time, when Google has one." }
          },
          "required": ["date_time", "date", "time_zone"],
          "additionalProperties": false
        },
        "person": {
          "type": ["object", "null"],
          "properties": {
            "email": { "type": ["string", "null"] },
            "display_name": { "type": ["string", "null"] },
            "self": { "type": "boolean", "description": "True when it is the connected account." }
          },
          "required": ["email", "display_name", "self"],
          "additionalProperties": false
        },
        "attendee": {
          "type": "object",
          "properties": {
            "email": { "type": "string" },
            "display_name": { "type": ["string", "null"] },
            "response_status": { "type": "string", "description": "needsAction, declined, tentative or accepted." },
            "optional": { "type": "boolean" },
            "organizer": { "type": "boolean" },
            "self": { "type": "boolean", "description": "True for the connected account." }
          },
          "required": ["email", "display_name", "response_status", "optional", "organizer", "self"],
          "additionalProperties": false
        }
        """;

    /// <summary>A whole output schema whose root is one event.</summary>
    public static string SingleEventOutput() => $$"""
        {
          "$schema": "{{Draft}}",
          {{EventBody}},
          "$defs": {
            {{SupportDefs}}
          }
        }
        """;

    /// <summary>The <c>calendar_id</c> argument.</summary>
    public static string CalendarIdProperty(string purpose) => $$"""
        "calendar_id": { "type": "string", "pattern": "{{CalendarIds.CalendarIdPattern}}", "maxLength": {{CalendarIds.MaxCalendarIdLength}}, "default": "primary", "description": "{{purpose}} 'primary' (default) is the user's own calendar; other ids come from list_calendars." }
        """;

    /// <summary>The <c>event_id</c> argument.</summary>
    public static string EventIdProperty => $$"""
        "event_id": { "type": "string", "pattern": "{{CalendarIds.EventIdPattern}}", "maxLength": {{CalendarIds.MaxEventIdLength}}, "description": "The event's id from list_events or create_event (an occurrence id changes only that occurrence)." }
        """;

    /// <summary>The <c>send_updates</c> argument.</summary>
    public static string SendUpdatesProperty => $$"""
        "send_updates": { "type": "string", "enum": {{SendUpdates.EnumJson}}, "default": "none", "description": "Who Google emails about it: none (default; nobody), external_only (only guests who do not use Google Calendar), all (every guest)." }
        """;

    /// <summary>The timing, location and description arguments of create_event and update_event.</summary>
    public static string TimingAndTextProperties(string mode) => $$"""
        "start": { "type": "string", "maxLength": 40, "pattern": "{{Rfc3339.DateTimePattern}}", "description": "Start of a timed event, RFC 3339: 2026-03-02T10:00:00 is wall-clock time in time_zone; with an offset (…-05:00 or Z) it is an exact instant.{{mode}}" },
        "end": { "type": "string", "maxLength": 40, "pattern": "{{Rfc3339.DateTimePattern}}", "description": "End of a timed event, same format as start; after start." },
        "start_date": { "type": "string", "maxLength": 10, "pattern": "{{Rfc3339.DatePattern}}", "description": "First day of an all-day event (YYYY-MM-DD), instead of start/end." },
        "end_date": { "type": "string", "maxLength": 10, "pattern": "{{Rfc3339.DatePattern}}", "description": "Exclusive end of an all-day event: the day AFTER the last day (default: start_date + 1, a one-day event)." },
        "time_zone": { "type": "string", "maxLength": {{IanaTimeZone.MaxLength}}, "pattern": "{{IanaTimeZone.Pattern}}", "description": "IANA time zone of start and end (e.g. America/New_York, Europe/Berlin); required when they carry no offset. The event keeps this zone." },
        "location": { "type": "string", "maxLength": 1024, "description": "Where: an address or a room." },
        "description": { "type": "string", "maxLength": 8000, "description": "Notes shown to every guest (plain text)." }
        """;

    /// <summary>
    /// The <c>attendees</c> array of bare addresses, at most <see cref="AttendeeAddresses.MaxAttendees"/> (100). The Calendar
    /// API reference documents no per-event attendee cap; invitations go out as mail, and Gmail API mail reaches at most 100
    /// recipients per message (https://support.google.com/a/answer/166852), so 100 is the bound.
    /// </summary>
    public static string AddressArray(string description) => $$"""
        { "type": "array", "maxItems": {{AttendeeAddresses.MaxAttendees}}, "items": { "type": "string", "maxLength": 254, "pattern": "{{AttendeeAddresses.Pattern}}" }, "description": "{{description}}" }
        """;
}
