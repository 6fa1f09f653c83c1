using Newtonsoft.Json;

namespace Connectors.Mcp.Google.Gmail.Models;

/// <summary>Gmail's <c>ListMessagesResponse</c>: ids only; <see cref="Messages"/> is absent when nothing matched.</summary>
internal sealed class GmailMessageList
{
    [JsonProperty("messages")]
    public IList<GmailMessage>? Messages { get; set; }

    [JsonProperty("nextPageToken")]
    public string? NextPageToken { get; set; }

    [JsonProperty("resultSizeEstimate")]
    public long? ResultSizeEstimate { get; set; }
}
