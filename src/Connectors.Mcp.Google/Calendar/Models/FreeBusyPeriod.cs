using Newtonsoft.Json;

namespace Connectors.Mcp.Google.Calendar.Models;

/// <summary><c>{start, end}</c>, RFC 3339.</summary>
internal sealed class FreeBusyPeriod
{
    [JsonProperty("start")]
    public string? Start { get; set; }

    [JsonProperty("end")]
    public string? End { get; set; }
}
