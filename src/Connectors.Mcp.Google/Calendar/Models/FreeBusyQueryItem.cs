using Newtonsoft.Json;

namespace Connectors.Mcp.Google.Calendar.Models;

/// <summary><c>{id}</c>: a calendar id, an email address or <c>primary</c>.</summary>
internal sealed class FreeBusyQueryItem
{
    [JsonProperty("id")]
    public required string Id { get; init; }
}
