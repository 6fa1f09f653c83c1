using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connectors.Mcp.Zoom.Meetings;

/// <summary>
/// A Zoom meeting object as an action result. Fields are copied by name from a closed list, so the host's
/// <c>start_url</c> (a link that starts the meeting as the host: a secret) and anything else Zoom adds never reach the
/// agent. The agenda comes back without this connector's reference marker.
/// </summary>
internal static class MeetingOutput
{
    public static JsonObject Meeting(JsonObject meeting)
    {
        var result = Summary(meeting);
        if (Text(meeting, "agenda") is { Length: > 0 } agenda && AgendaMarker.Strip(agenda) is { Length: > 0 } clean)
        {
            result["agenda"] = clean;
        }

        result["password"] = Text(meeting, "password");
        result["status"] = Text(meeting, "status");
        result["created_at"] = Text(meeting, "created_at");
        if (meeting["settings"] is JsonObject settings)
        {
            result["registration"] = Number(settings, "approval_type") switch
            {
                0 => "automatic",
                1 => "manual",
                _ => "off",
            };
            result["waiting_room"] = Bool(settings, "waiting_room");
            result["join_before_host"] = Bool(settings, "join_before_host");
        }

        return result;
    }

    /// <summary>The fields of a list item (<c>GET users/me/meetings</c>).</summary>
    public static JsonObject Summary(JsonObject meeting)
    {
        var zone = MeetingTime.TryZone(Text(meeting, "timezone"));
        var start = Text(meeting, "start_time") is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTimeOffset?)null;
        return new JsonObject
        {
            ["id"] = Id(meeting),
            ["topic"] = Text(meeting, "topic") ?? "",
            ["start_time"] = start is { } utc ? MeetingTime.FormatUtc(utc) : null,
            ["start_local"] = start is { } instant && zone is not null ? MeetingTime.FormatIn(instant, zone) : null,
            ["timezone"] = Text(meeting, "timezone"),
            ["duration"] = Number(meeting, "duration"),
            ["join_url"] = Text(meeting, "join_url") ?? "",
        };
    }

    /// <summary>The meeting id as digits (Zoom sends an int64; a string keeps it exact in every client).</summary>
    public static string Id(JsonObject meeting) => meeting["id"] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n) => n.ToString(CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => "",
    };

    public static string? Text(JsonObject json, string name) =>
        json[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int? Number(JsonObject json, string name) =>
        json[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) ? n : null;

    private static bool? Bool(JsonObject json, string name) =>
        json[name] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : null;
}
