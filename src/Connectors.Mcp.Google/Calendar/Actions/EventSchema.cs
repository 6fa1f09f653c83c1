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
          "summary": { "type": "string", "description": "The title." },
          "description": { "type": "string", "description": "Untrusted text written by the organizer." },
          "location": { "type": "string" },
          "start": { "$ref": "#/$defs/event_time" },
          "end": { "$ref": "#/$defs/event_time" },
          "all_day": { "type": "boolean", "description": "True when start and end are dates (end date exclusive)." },
          "recurring_event_id": { "type": "string", "description": "For an occurrence of a recurring event: the series' id." },
          "recurrence": { "type": "array", "items": { "type": "string" }, "description": "RRULE/EXDATE lines of a recurring series (empty for single events and occurrences)." },
          "organizer": { "$ref": "#/$defs/person" },
          "attendees": { "type": "array", "items": { "$ref": "#/$defs/attendee" } },
          "show_as": { "type": "string", "enum": ["busy", "free"], "description": "Whether the event blocks time in free/busy." },
          "html_link": { "type": "string", "description": "The event in Google Calendar's web UI." },
          "hangout_link": { "type": "string", "description": "Google's hangoutLink, when the event has a Meet conference." },
          "meet_link": { "type": "string", "description": "The video link to join (conference entry point, else hangoutLink)." },
          "conference_status": { "type": "string", "description": "pending, success or failure while Google creates a requested Meet conference; absent when none was requested." },
          "updated": { "type": "string", "description": "Last modification, RFC 3339." }
        },
        "required": ["id", "status", "start", "end", "all_day", "recurrence", "attendees", "show_as"],
        "additionalProperties": false
        """;

    /// <summary>The <c>$defs</c> entries the event object refers to (without braces).</summary>
    public const string SupportDefs = """
        "event_time": {
          "type": "object",
          "description": "A timed event has date_time (RFC 3339, wall-clock time in time_zone with its offset); an all-day event has date (YYYY-MM-DD; an end date is exclusive) instead.",
          "properties": {
            "date_time": { "type": "string" },
            "date": { "type": "string" },
            "time_zone": { "type": "string", "description": "IANA time zone of the event's time, when Google has one." }
          },
          "additionalProperties": false
        },
        "person": {
          "type": "object",
          "properties": {
            "email": { "type": "string" },
            "display_name": { "type": "string" },
            "self": { "type": "boolean", "description": "True when it is the connected account." }
          },
          "required": ["self"],
          "additionalProperties": false
        },
        "attendee": {
          "type": "object",
          "properties": {
            "email": { "type": "string" },
            "display_name": { "type": "string" },
            "response_status": { "type": "string", "description": "needsAction, declined, tentative or accepted." },
            "optional": { "type": "boolean" },
            "organizer": { "type": "boolean" },
            "self": { "type": "boolean", "description": "True for the connected account." }
          },
          "required": ["email", "response_status", "optional", "organizer", "self"],
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
    public static string CalendarIdProperty => $$"""
        "calendar_id": { "type": "string", "pattern": "{{CalendarIds.CalendarIdPattern}}", "maxLength": {{CalendarIds.MaxCalendarIdLength}}, "default": "primary", "description": "From list_calendars." }
        """;

    /// <summary>The <c>event_id</c> argument.</summary>
    public static string EventIdProperty => $$"""
        "event_id": { "type": "string", "pattern": "{{CalendarIds.EventIdPattern}}", "maxLength": {{CalendarIds.MaxEventIdLength}}, "description": "From list_events." }
        """;

    /// <summary>The <c>send_updates</c> argument.</summary>
    public static string SendUpdatesProperty => $$"""
        "send_updates": { "type": "string", "enum": {{SendUpdates.EnumJson}}, "default": "none", "description": "external_only: guests not on Google Calendar." }
        """;

    /// <summary>The timing, location and description arguments of create_event and update_event.</summary>
    public static string TimingAndTextProperties => $$"""
        "start": { "$ref": "#/$defs/date_time", "description": "Timed event; without offset: wall-clock in time_zone." },
        "end": { "$ref": "#/$defs/date_time", "description": "After start." },
        "start_date": { "$ref": "#/$defs/date", "description": "All-day event." },
        "end_date": { "$ref": "#/$defs/date", "description": "Exclusive; default start_date + 1." },
        "time_zone": { "type": "string", "maxLength": {{IanaTimeZone.MaxLength}}, "pattern": "{{IanaTimeZone.Pattern}}", "description": "IANA; needed if start/end have no offset." },
        "location": { "type": "string", "maxLength": 1024 },
        "description": { "type": "string", "maxLength": 8000, "description": "Plain text, shown to guests." }
        """;

    /// <summary>
    /// The <c>attendees</c> array of bare addresses, at most <see cref="AttendeeAddresses.MaxAttendees"/> (100). The Calendar
    /// API reference documents no per-event attendee cap; invitations go out as mail, and Gmail API mail reaches at most 100
    /// recipients per message (https://support.google.com/a/answer/166852), so 100 is the bound.
    /// </summary>
    public static string AddressArray(string description) => $$"""
        { "type": "array", "maxItems": {{AttendeeAddresses.MaxAttendees}}, "items": { "type": "string", "maxLength": 254, "pattern": "{{AttendeeAddresses.Pattern}}" }, "description": "{{description}}" }
        """;

    /// <summary>The <c>$defs</c> entries <see cref="TimingAndTextProperties"/> refers to (one copy of each pattern per schema).</summary>
    public static string TimingDefinitions => $$"""
        "date_time": { "type": "string", "maxLength": 40, "pattern": "{{Rfc3339.DateTimePattern}}" },
        "date": { "type": "string", "maxLength": 10, "pattern": "{{Rfc3339.DatePattern}}" }
        """;

    /// <summary><see cref="AddressArray"/> once, as a <c>$defs</c> entry, for an input schema with several address arrays.</summary>
    public static string AddressesDefinition => $$"""
        "addresses": { "type": "array", "maxItems": {{AttendeeAddresses.MaxAttendees}}, "items": { "type": "string", "maxLength": 254, "pattern": "{{AttendeeAddresses.Pattern}}" } }
        """;

    /// <summary>An address array that refers to <see cref="AddressesDefinition"/>.</summary>
    public static string AddressesReference(string description) => $$"""
        { "$ref": "#/$defs/addresses", "description": "{{description}}" }
        """;
}
