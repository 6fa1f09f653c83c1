using Newtonsoft.Json;

namespace Connectors.Mcp.Google.Gmail.Models;

/// <summary>Gmail's <c>Label</c> resource. The counts are only filled by <c>labels.get</c>, not by <c>labels.list</c>.</summary>
internal sealed class GmailLabel
{
    [JsonProperty("id")]
    public string? Id { get; set; }

    [JsonProperty("name")]
    public string? Name { get; set; }

    /// <summary><c>system</c> or <c>user</c>.</summary>
    [JsonProperty("type")]
    public string? Type { get; set; }

    [JsonProperty("messagesTotal")]
    public long? MessagesTotal { get; set; }

    [JsonProperty("messagesUnread")]
    public long? MessagesUnread { get; set; }
}
