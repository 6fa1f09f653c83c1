using System.Text.Json.Nodes;

namespace Connectors.Mcp.Sandbox.Google.Calendar;

/// <summary>One event or occurrence as a list shows it, with its instants for filtering and ordering.</summary>
internal sealed record EventView(JsonObject Resource, DateTimeOffset Start, DateTimeOffset End)
{
    public string Id => CalendarTime.Text(Resource, "id")!;

    public bool IsCancelled => CalendarTime.Text(Resource, "status") == "cancelled";

    public bool IsTransparent => CalendarTime.Text(Resource, "transparency") == "transparent";
}
