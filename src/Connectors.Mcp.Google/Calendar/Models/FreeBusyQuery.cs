using Newtonsoft.Json;

namespace Connectors.Mcp.Google.Calendar.Models;

/// <summary>The body of <c>POST calendar/v3/freeBusy</c>.</summary>
internal sealed class FreeBusyQuery
{
    [JsonProperty("timeMin")]
    public required string TimeMin { get; init; }

    [JsonProperty("timeMax")]
    public required string TimeMax { get; init; }

    [JsonProperty("timeZone")]
    public string? TimeZone { get; init; }

    [JsonProperty("items")]
    public required IList<FreeBusyQueryItem> Items { get; init; }
}
