using Newtonsoft.Json;

namespace Connectors.Mcp.Google.Gmail.Models;

/// <summary>Gmail's <c>MessagePart</c>: one node of the MIME tree with its headers and body.</summary>
internal sealed class GmailMessagePart
{
    [JsonProperty("partId")]
    public string? PartId { get; set; }

    [JsonProperty("mimeType")]
    public string? MimeType { get; set; }

    [JsonProperty("filename")]
    public string? Filename { get; set; }

    [JsonProperty("headers")]
    public IList<GmailHeader>? Headers { get; set; }

    [JsonProperty("body")]
    public GmailMessagePartBody? Body { get; set; }

    [JsonProperty("parts")]
    public IList<GmailMessagePart>? Parts { get; set; }
}
