using System.Text.Json.Nodes;

namespace Connectors.Mcp.Sandbox.Google.Calendar;

/// <summary>A calendar on the sandbox user's list. <see cref="AccessRole"/>: owner, writer, reader or freeBusyReader.</summary>
public sealed record FakeCalendarInfo(string Id, string Summary, string TimeZone, string AccessRole, bool Primary)
{
    /// <summary>The calendarList.list item.</summary>
    internal JsonObject ToListEntry()
    {
        var json = new JsonObject
        {
            ["kind"] = "calendar#calendarListEntry",
            ["etag"] = "\"1700000000000000\"",
            ["id"] = Id,
            ["summary"] = Summary,
            ["timeZone"] = TimeZone,
            ["colorId"] = "14",
            ["backgroundColor"] = "#9fe1e7",
            ["foregroundColor"] = "#000000",
            ["selected"] = true,
            ["accessRole"] = AccessRole,
            ["defaultReminders"] = new JsonArray(),
        };
        if (Primary)
        {
            json["primary"] = true;
        }

        return json;
    }
}
