using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Connectors.Mcp.Sandbox.Google.Calendar;

/// <summary>
/// What Google returns for <c>conferenceData.createRequest</c> with <c>conferenceSolutionKey.type = hangoutsMeet</c>
/// (and <c>conferenceDataVersion=1</c>): a Meet conference with a video entry point, and <c>hangoutLink</c>.
/// </summary>
internal static class ConferenceFactory
{
    /// <summary>Sets <c>conferenceData</c> and <c>hangoutLink</c> on <paramref name="resource"/>, or throws Google's 400.</summary>
    public static void Apply(JsonObject resource, JsonObject? conferenceData)
    {
        var createRequest = conferenceData?["createRequest"] as JsonObject;
        if (createRequest is null)
        {
            return;
        }

        var requestId = CalendarTime.Text(createRequest, "requestId");
        var type = (createRequest["conferenceSolutionKey"] as JsonObject) is { } key ? CalendarTime.Text(key, "type") : null;
        if (string.IsNullOrEmpty(requestId))
        {
            throw new Gmail.GoogleApiFault(400, "Invalid conference request: requestId is required.", "invalid");
        }

        if (type != "hangoutsMeet")
        {
            throw new Gmail.GoogleApiFault(400, "Invalid conference type value.", "invalid");
        }

        var code = MeetCode(requestId);
        var uri = "https://meet.google.com/" + code;
        resource["hangoutLink"] = uri;
        resource["conferenceData"] = new JsonObject
        {
            ["createRequest"] = new JsonObject
            {
                ["requestId"] = requestId,
                ["conferenceSolutionKey"] = new JsonObject { ["type"] = "hangoutsMeet" },
                ["status"] = new JsonObject { ["statusCode"] = "success" },
            },
            ["entryPoints"] = new JsonArray(new JsonObject
            {
                ["entryPointType"] = "video",
                ["uri"] = uri,
                ["label"] = "meet.google.com/" + code,
            }),
            ["conferenceSolution"] = new JsonObject
            {
                ["key"] = new JsonObject { ["type"] = "hangoutsMeet" },
                ["name"] = "Google Meet",
                ["iconUri"] = "https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png",
            },
            ["conferenceId"] = code,
        };
    }

    /// <summary>A Meet code like <c>abc-defg-hij</c>, the same for the same request id.</summary>
    public static string MeetCode(string requestId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(requestId));
        var letters = hash.Take(10).Select(b => (char)('a' + (b % 26))).ToArray();
        return $"{new string(letters, 0, 3)}-{new string(letters, 3, 4)}-{new string(letters, 7, 3)}";
    }
}
