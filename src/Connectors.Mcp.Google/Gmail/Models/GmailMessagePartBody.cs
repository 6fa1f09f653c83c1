using Newtonsoft.Json;

namespace Connectors.Mcp.Google.Gmail.Models;

/// <summary>Gmail's <c>MessagePartBody</c>: inline <see cref="Data"/> (base64url) or an <see cref="AttachmentId"/>.</summary>
internal sealed class GmailMessagePartBody
{
    [JsonProperty("attachmentId")]
    public string? AttachmentId { get; set; }

    [JsonProperty("size")]
    public long? Size { get; set; }

    [JsonProperty("data")]
    public string? Data { get; set; }
}
