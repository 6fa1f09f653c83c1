using Newtonsoft.Json;

namespace Connectors.Mcp.Google.Calendar.Models;

/// <summary>Calendar's <c>CalendarList</c>: one page of the user's calendars.</summary>
internal sealed class CalendarListPage
{
    [JsonProperty("items")]
    public IList<CalendarListEntry>? Items { get; set; }

    [JsonProperty("nextPageToken")]
    public string? NextPageToken { get; set; }
}
