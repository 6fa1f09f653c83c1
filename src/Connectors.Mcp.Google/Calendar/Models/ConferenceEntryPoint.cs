using Newtonsoft.Json;

namespace Connectors.Mcp.Google.Calendar.Models;

/// <summary>One way to join a conference: <c>video</c> (the Meet link), <c>phone</c>, <c>sip</c> or <c>more</c>.</summary>
internal sealed class ConferenceEntryPoint
{
    [JsonProperty("entryPointType")]
    public string? EntryPointType { get; set; }

    [JsonProperty("uri")]
    public string? Uri { get; set; }
}
