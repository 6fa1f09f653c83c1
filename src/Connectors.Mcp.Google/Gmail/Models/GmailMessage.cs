using Newtonsoft.Json;

namespace Connectors.Mcp.Google.Gmail.Models;

/// <summary>Gmail's <c>Message</c> resource (the fields this connector reads or writes).</summary>
internal sealed class GmailMessage
{
    [JsonProperty("id")]
    public string? Id { get; set; }

    [JsonProperty("threadId")]
    public string? ThreadId { get; set; }

    [JsonProperty("labelIds")]
    public IList<string>? LabelIds { get; set; }

    [JsonProperty("snippet")]
    public string? Snippet { get; set; }

    /// <summary>Epoch milliseconds, as a string (int64 in JSON).</summary>
    [JsonProperty("internalDate")]
    public string? InternalDate { get; set; }

    [JsonProperty("sizeEstimate")]
    public long? SizeEstimate { get; set; }

    [JsonProperty("payload")]
    public GmailMessagePart? Payload { get; set; }

    /// <summary>The whole RFC 822 message, base64url, when sending or with <c>format=raw</c>.</summary>
    [JsonProperty("raw")]
    public string? Raw { get; set; }
}
