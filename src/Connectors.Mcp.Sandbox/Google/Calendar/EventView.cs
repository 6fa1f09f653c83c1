using System.Text;
using System.Text.Json.Nodes;

namespace Connectors.Mcp.Sandbox.Google.Calendar;

/// <summary>One event or occurrence as a list shows it, with its instants for filtering and ordering.</summary>
internal sealed record EventView(JsonObject Resource, DateTimeOffset Start, DateTimeOffset End)
{
    public string Id => CalendarTime.Text(Resource, "id")!;

    public bool IsCancelled => CalendarTime.Text(Resource, "status") == "cancelled";

    public bool IsTransparent => CalendarTime.Text(Resource, "transparency") == "transparent";

    /// <summary>events.list's <c>q</c>: every word appears in the title, description, location or an attendee.</summary>
    public bool Matches(string text)
    {
        var haystack = new StringBuilder();
        foreach (var field in new[] { "summary", "description", "location" })
        {
            haystack.Append(CalendarTime.Text(Resource, field)).Append('\n');
        }

        foreach (var attendee in (Resource["attendees"] as JsonArray ?? []).OfType<JsonObject>())
        {
            haystack.Append(CalendarTime.Text(attendee, "email")).Append(' ').Append(CalendarTime.Text(attendee, "displayName")).Append('\n');
        }

        return text.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(word => haystack.ToString().Contains(word, StringComparison.OrdinalIgnoreCase));
    }
}
