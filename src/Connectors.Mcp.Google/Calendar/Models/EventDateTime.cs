using Newtonsoft.Json;

namespace Connectors.Mcp.Google.Calendar.Models;

/// <summary>
/// Calendar's <c>EventDateTime</c>: <c>{dateTime, timeZone}</c> for a timed event (dateTime is RFC 3339 with an offset
/// on the way out), <c>{date}</c> for an all-day event.
/// </summary>
internal sealed class EventDateTime
{
    [JsonProperty("dateTime")]
    public string? DateTime { get; set; }

    [JsonProperty("date")]
    public string? Date { get; set; }

    [JsonProperty("timeZone")]
    public string? TimeZone { get; set; }
}
