using Newtonsoft.Json.Linq;

namespace Connectors.Mcp.Google.Calendar.Actions;

/// <summary>
/// <c>conferenceData.createRequest</c> for a Google Meet link. Google acts on it only with
/// <c>conferenceDataVersion=1</c>; the request id is derived from the event id, so a repeated request is the same one.
/// </summary>
internal static class MeetRequest
{
    public static JObject Create(string eventId) => new()
    {
        ["createRequest"] = new JObject
        {
            ["requestId"] = "meet-" + eventId,
            ["conferenceSolutionKey"] = new JObject { ["type"] = "hangoutsMeet" },
        },
    };
}
