using Newtonsoft.Json;

namespace Connectors.Mcp.Google.Gmail.Models;

/// <summary>Gmail's <c>ModifyMessageRequest</c> body.</summary>
internal sealed class GmailModifyMessageBody
{
    [JsonProperty("addLabelIds")]
    public IList<string>? AddLabelIds { get; set; }

    [JsonProperty("removeLabelIds")]
    public IList<string>? RemoveLabelIds { get; set; }
}
