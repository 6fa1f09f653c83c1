using System.Text.Json.Nodes;

namespace Connectors.Mcp.Sandbox.Google.Calendar;

/// <summary>
/// An event as the fake keeps it: Google's resource JSON (times always with an offset), and for a recurring series
/// the occurrences that were changed or cancelled, by instance id.
/// </summary>
internal sealed class StoredEvent(string calendarId, JsonObject resource)
{
    public string CalendarId { get; } = calendarId;

    public JsonObject Resource { get; set; } = resource;

    public Dictionary<string, JsonObject> Overrides { get; } = new(StringComparer.Ordinal);

    public string Id => CalendarTime.Text(Resource, "id")!;

    public bool IsRecurring => Resource["recurrence"] is JsonArray { Count: > 0 };

    public bool IsCancelled => CalendarTime.Text(Resource, "status") == "cancelled";
}
