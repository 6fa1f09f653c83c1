using Newtonsoft.Json;

namespace Connectors.Mcp.Google.Calendar.Models;

/// <summary>Calendar's <c>Events</c> list: one page of events, and the calendar's time zone.</summary>
internal sealed class EventListPage
{
    [JsonProperty("items")]
    public IList<CalendarEvent>? Items { get; set; }

    [JsonProperty("nextPageToken")]
    public string? NextPageToken { get; set; }

    [JsonProperty("timeZone")]
    public string? TimeZone { get; set; }

    [JsonProperty("summary")]
    public string? Summary { get; set; }
}
