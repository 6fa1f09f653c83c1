using Newtonsoft.Json;

namespace Connectors.Mcp.Google.Gmail.Models;

/// <summary>Gmail's <c>MessagePartHeader</c>; Gmail has already decoded RFC 2047 words in <see cref="Value"/>.</summary>
internal sealed class GmailHeader
{
    [JsonProperty("name")]
    public string? Name { get; set; }

    [JsonProperty("value")]
    public string? Value { get; set; }
}
