using Newtonsoft.Json;

namespace Connectors.Mcp.Google.Calendar.Models;

/// <summary>The parts of an event's <c>conferenceData</c> the connector reads: entry points and the create request's status.</summary>
internal sealed class ConferenceData
{
    [JsonProperty("entryPoints")]
    public IList<ConferenceEntryPoint>? EntryPoints { get; set; }

    [JsonProperty("createRequest")]
    public ConferenceCreateRequest? CreateRequest { get; set; }
}
