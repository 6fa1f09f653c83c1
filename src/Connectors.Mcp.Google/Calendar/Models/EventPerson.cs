using Newtonsoft.Json;

namespace Connectors.Mcp.Google.Calendar.Models;

/// <summary>An event's <c>organizer</c> or <c>creator</c>.</summary>
internal sealed class EventPerson
{
    [JsonProperty("email")]
    public string? Email { get; set; }

    [JsonProperty("displayName")]
    public string? DisplayName { get; set; }

    [JsonProperty("self")]
    public bool? Self { get; set; }
}
