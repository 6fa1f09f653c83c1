using Newtonsoft.Json;

namespace Connectors.Mcp.Google.Calendar.Models;

/// <summary>Calendar's event attendee.</summary>
internal sealed class EventAttendee
{
    [JsonProperty("email")]
    public string? Email { get; set; }

    [JsonProperty("displayName")]
    public string? DisplayName { get; set; }

    /// <summary><c>needsAction</c>, <c>declined</c>, <c>tentative</c> or <c>accepted</c>.</summary>
    [JsonProperty("responseStatus")]
    public string? ResponseStatus { get; set; }

    [JsonProperty("optional")]
    public bool? Optional { get; set; }

    [JsonProperty("organizer")]
    public bool? Organizer { get; set; }

    [JsonProperty("self")]
    public bool? Self { get; set; }

    [JsonProperty("resource")]
    public bool? Resource { get; set; }

    [JsonProperty("comment")]
    public string? Comment { get; set; }

    [JsonProperty("additionalGuests")]
    public int? AdditionalGuests { get; set; }
}
