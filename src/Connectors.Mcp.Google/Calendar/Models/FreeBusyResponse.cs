using Newtonsoft.Json;

namespace Connectors.Mcp.Google.Calendar.Models;

/// <summary>Calendar's <c>FreeBusyResponse</c>: per requested id, its busy periods or its errors.</summary>
internal sealed class FreeBusyResponse
{
    [JsonProperty("timeMin")]
    public string? TimeMin { get; set; }

    [JsonProperty("timeMax")]
    public string? TimeMax { get; set; }

    [JsonProperty("calendars")]
    public IDictionary<string, FreeBusyCalendar>? Calendars { get; set; }
}
