namespace Connectors.Mcp.Zoom.Meetings;

/// <summary>Schema fragments the meeting actions share (kept terse: every tool definition is sent to the model on every turn).</summary>
internal static class MeetingSchema
{
    public const int MaxTopicLength = 200;
    public const int MaxDuration = 1440;

    public static readonly string MeetingIdProperty = $$"""
        "meeting_id": { "type": "string", "pattern": "{{ZoomMeetingIds.Pattern}}", "maxLength": 19, "description": "Zoom meeting id (digits)." }
        """;

    /// <summary>The fields create_meeting and update_meeting share.</summary>
    public static readonly string MeetingProperties = $$"""
        "topic": { "type": "string", "minLength": 1, "maxLength": {{MaxTopicLength}}, "description": "Meeting title." },
        "start_time": { "type": "string", "maxLength": 25, "pattern": "{{MeetingTime.Pattern}}", "description": "Local time in timezone, or with Z/offset." },
        "timezone": { "type": "string", "maxLength": 64, "pattern": "{{MeetingTime.ZonePattern}}", "description": "IANA zone, e.g. Europe/Berlin. Default UTC." },
        "duration": { "type": "integer", "minimum": 1, "maximum": {{MaxDuration}}, "description": "Minutes." },
        "agenda": { "type": "string", "maxLength": {{AgendaMarker.MaxAgendaLength}}, "description": "Meeting description." },
        "password": { "type": "string", "pattern": "^[A-Za-z0-9@_*-]{1,10}(?![\\s\\S])", "description": "Passcode; Zoom generates one if omitted." },
        "waiting_room": { "type": "boolean", "description": "Admit arrivals one by one." },
        "join_before_host": { "type": "boolean", "description": "Allow entry before the host arrives." },
        "registration": { "type": "string", "enum": ["off", "automatic", "manual"], "description": "Require registration; approve registrants automatically or manually." }
        """;

    /// <summary>Output properties of a meeting (<see cref="MeetingOutput.Meeting"/>).</summary>
    public const string MeetingOutputProperties = """
        "id": { "type": "string" },
        "topic": { "type": "string" },
        "start_time": { "type": "string", "description": "UTC." },
        "start_local": { "type": "string", "description": "In timezone, with offset." },
        "timezone": { "type": "string" },
        "duration": { "type": "integer" },
        "join_url": { "type": "string" },
        "agenda": { "type": "string" },
        "password": { "type": "string" },
        "status": { "type": "string" },
        "created_at": { "type": "string" },
        "registration": { "type": "string", "enum": ["off", "automatic", "manual"] },
        "waiting_room": { "type": "boolean" },
        "join_before_host": { "type": "boolean" }
        """;

    public static string MeetingOutputSchema() => $$"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "properties": {
            {{MeetingOutputProperties}}
          },
          "required": ["id", "topic", "join_url"],
          "additionalProperties": false
        }
        """;
}
