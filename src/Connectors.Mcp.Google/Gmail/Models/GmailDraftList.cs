using Newtonsoft.Json;

namespace Connectors.Mcp.Google.Gmail.Models;

/// <summary>The answer of <c>drafts.list</c>.</summary>
internal sealed class GmailDraftList
{
    [JsonProperty("drafts")]
    public IList<GmailDraft>? Drafts { get; set; }

    [JsonProperty("resultSizeEstimate")]
    public long? ResultSizeEstimate { get; set; }
}
