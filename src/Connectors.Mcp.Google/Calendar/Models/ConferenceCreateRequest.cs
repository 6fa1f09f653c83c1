using Newtonsoft.Json;

namespace Connectors.Mcp.Google.Calendar.Models;

/// <summary><c>conferenceData.createRequest</c> as Google returns it: the request id and its status.</summary>
internal sealed class ConferenceCreateRequest
{
    [JsonProperty("requestId")]
    public string? RequestId { get; set; }

    [JsonProperty("status")]
    public ConferenceRequestStatus? Status { get; set; }
}
