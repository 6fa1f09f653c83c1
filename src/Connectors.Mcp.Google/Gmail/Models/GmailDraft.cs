using Newtonsoft.Json;

namespace Connectors.Mcp.Google.Gmail.Models;

/// <summary>Gmail's <c>Draft</c> resource.</summary>
internal sealed class GmailDraft
{
    [JsonProperty("id")]
    public string? Id { get; set; }

    [JsonProperty("message")]
    public GmailMessage? Message { get; set; }
}
