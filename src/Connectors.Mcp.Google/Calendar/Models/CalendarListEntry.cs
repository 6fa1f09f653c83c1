using Newtonsoft.Json;

namespace Connectors.Mcp.Google.Calendar.Models;

/// <summary>Calendar's <c>CalendarListEntry</c>: one calendar on the user's list.</summary>
internal sealed class CalendarListEntry
{
    [JsonProperty("id")]
    public string? Id { get; set; }

    [JsonProperty("summary")]
    public string? Summary { get; set; }

    /// <summary>The user's own name for the calendar, when they renamed it.</summary>
    [JsonProperty("summaryOverride")]
    public string? SummaryOverride { get; set; }

    [JsonProperty("primary")]
    public bool? Primary { get; set; }

    /// <summary><c>freeBusyReader</c>, <c>reader</c>, <c>writer</c> or <c>owner</c>.</summary>
    [JsonProperty("accessRole")]
    public string? AccessRole { get; set; }

    [JsonProperty("timeZone")]
    public string? TimeZone { get; set; }
}
