using Newtonsoft.Json;

namespace Connectors.Mcp.Google.Calendar.Models;

/// <summary>Calendar's <c>Event</c> resource, the fields the connector reads.</summary>
internal sealed class CalendarEvent
{
    [JsonProperty("id")]
    public string? Id { get; set; }

    /// <summary><c>confirmed</c>, <c>tentative</c> or <c>cancelled</c>.</summary>
    [JsonProperty("status")]
    public string? Status { get; set; }

    [JsonProperty("htmlLink")]
    public string? HtmlLink { get; set; }

    [JsonProperty("summary")]
    public string? Summary { get; set; }

    [JsonProperty("description")]
    public string? Description { get; set; }

    [JsonProperty("location")]
    public string? Location { get; set; }

    [JsonProperty("start")]
    public EventDateTime? Start { get; set; }

    [JsonProperty("end")]
    public EventDateTime? End { get; set; }

    [JsonProperty("recurringEventId")]
    public string? RecurringEventId { get; set; }

    [JsonProperty("recurrence")]
    public IList<string>? Recurrence { get; set; }

    [JsonProperty("organizer")]
    public EventPerson? Organizer { get; set; }

    [JsonProperty("attendees")]
    public IList<EventAttendee>? Attendees { get; set; }

    [JsonProperty("hangoutLink")]
    public string? HangoutLink { get; set; }

    [JsonProperty("conferenceData")]
    public ConferenceData? ConferenceData { get; set; }

    /// <summary><c>opaque</c> (busy, the default) or <c>transparent</c> (free).</summary>
    [JsonProperty("transparency")]
    public string? Transparency { get; set; }

    [JsonProperty("updated")]
    public string? Updated { get; set; }
}
