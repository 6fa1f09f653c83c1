using Newtonsoft.Json;

namespace Connectors.Mcp.Google.Calendar.Models;

/// <summary><c>{statusCode}</c>: <c>pending</c>, <c>success</c> or <c>failure</c>.</summary>
internal sealed class ConferenceRequestStatus
{
    [JsonProperty("statusCode")]
    public string? StatusCode { get; set; }
}
