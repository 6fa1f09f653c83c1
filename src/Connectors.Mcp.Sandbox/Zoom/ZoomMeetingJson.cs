using System.Text.Json.Nodes;

namespace Connectors.Mcp.Sandbox.Zoom;

/// <summary>A stored meeting in Zoom's JSON: the full meeting object (create, get) and the list item (list).</summary>
internal static class ZoomMeetingJson
{
    public static JsonObject Full(StoredZoomMeeting m, ZoomHostUser host)
    {
        var json = Summary(m, host);
        json["host_email"] = host.Email;
        json["assistant_id"] = "";
        json["status"] = "waiting";
        json["agenda"] = m.Agenda;
        json["start_url"] = m.StartUrl;
        json["password"] = m.Password;
        json["h323_password"] = m.Password;
        json["pstn_password"] = m.Password;
        json["encrypted_password"] = EncryptedPassword(m.JoinUrl);
        json["settings"] = m.Settings.DeepClone();
        json["pre_schedule"] = false;
        return json;
    }

    /// <summary>A list item: no start link, no passcode, <c>agenda</c> only when there is one.</summary>
    public static JsonObject Summary(StoredZoomMeeting m, ZoomHostUser host)
    {
        var json = new JsonObject
        {
            ["uuid"] = m.Uuid,
            ["id"] = m.Id,
            ["host_id"] = host.Id,
            ["topic"] = m.Topic,
            ["type"] = m.Type,
        };
        if (m.StartUtc is { } start)
        {
            json["start_time"] = ZoomStartTime.Format(start);
        }

        json["duration"] = m.Duration;
        json["timezone"] = m.Timezone;
        if (m.Agenda.Length > 0)
        {
            json["agenda"] = m.Agenda;
        }

        json["created_at"] = ZoomStartTime.Format(m.CreatedAt);
        json["join_url"] = m.JoinUrl;
        return json;
    }

    private static string EncryptedPassword(string joinUrl) =>
        joinUrl.IndexOf("?pwd=", StringComparison.Ordinal) is var i and >= 0 ? joinUrl[(i + 5)..] : "";
}
