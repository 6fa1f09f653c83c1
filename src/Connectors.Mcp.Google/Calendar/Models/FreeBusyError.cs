using Newtonsoft.Json;

namespace Connectors.Mcp.Google.Calendar.Models;

/// <summary><c>{domain, reason}</c>, e.g. <c>global</c> / <c>notFound</c> or <c>internalError</c>.</summary>
internal sealed class FreeBusyError
{
    [JsonProperty("domain")]
    public string? Domain { get; set; }

    [JsonProperty("reason")]
    public string? Reason { get; set; }
}
