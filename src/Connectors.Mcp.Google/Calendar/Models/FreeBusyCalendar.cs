using Newtonsoft.Json;

namespace Connectors.Mcp.Google.Calendar.Models;

/// <summary>One calendar's free/busy: busy periods, or errors such as <c>notFound</c> when it cannot be read.</summary>
internal sealed class FreeBusyCalendar
{
    [JsonProperty("busy")]
    public IList<FreeBusyPeriod>? Busy { get; set; }

    [JsonProperty("errors")]
    public IList<FreeBusyError>? Errors { get; set; }
}
