using Newtonsoft.Json;

namespace Connectors.Mcp.Google.Gmail.Models;

/// <summary>Gmail's <c>ListLabelsResponse</c>.</summary>
internal sealed class GmailLabelList
{
    [JsonProperty("labels")]
    public IList<GmailLabel>? Labels { get; set; }
}
