using Connectors.Mcp.Google.Calendar.Models;
using Google.Apis.Services;
using Google.Apis.Util;

namespace Connectors.Mcp.Google.Calendar.Requests;

/// <summary><c>GET calendar/v3/calendars/{calendarId}/events/{eventId}</c>: one event or one instance of a recurring event.</summary>
internal sealed class EventsGetRequest(IClientService service, string calendarId, string eventId) : CalendarRequest<CalendarEvent>(service)
{
    [RequestParameter("calendarId", RequestParameterType.Path)]
    public string CalendarId { get; } = calendarId;

    [RequestParameter("eventId", RequestParameterType.Path)]
    public string EventId { get; } = eventId;

    public override string MethodName => "get";

    public override string RestPath => ApiPath + "calendars/{calendarId}/events/{eventId}";

    public override string HttpMethod => "GET";

    protected override void InitParameters()
    {
        base.InitParameters();
        Declare("calendarId", "path", required: true);
        Declare("eventId", "path", required: true);
    }
}
