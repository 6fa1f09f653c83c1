using Connectors.Mcp.Google.Calendar.Models;
using Google.Apis.Services;
using Google.Apis.Util;
using Newtonsoft.Json.Linq;

namespace Connectors.Mcp.Google.Calendar.Requests;

/// <summary>
/// <c>PATCH calendar/v3/calendars/{calendarId}/events/{eventId}</c>: fields present in the body replace the event's
/// (arrays such as <c>attendees</c> as a whole; an explicit <c>null</c> clears a field), the rest stay as they are.
/// </summary>
internal sealed class EventsPatchRequest(IClientService service, string calendarId, string eventId, JObject body) : CalendarRequest<CalendarEvent>(service)
{
    [RequestParameter("calendarId", RequestParameterType.Path)]
    public string CalendarId { get; } = calendarId;

    [RequestParameter("eventId", RequestParameterType.Path)]
    public string EventId { get; } = eventId;

    [RequestParameter("sendUpdates", RequestParameterType.Query)]
    public string? SendUpdates { get; set; }

    [RequestParameter("conferenceDataVersion", RequestParameterType.Query)]
    public int? ConferenceDataVersion { get; set; }

    public override string MethodName => "patch";

    public override string RestPath => ApiPath + "calendars/{calendarId}/events/{eventId}";

    public override string HttpMethod => "PATCH";

    protected override object GetBody() => body;

    protected override void InitParameters()
    {
        base.InitParameters();
        Declare("calendarId", "path", required: true);
        Declare("eventId", "path", required: true);
        Declare("sendUpdates", "query");
        Declare("conferenceDataVersion", "query");
    }
}
