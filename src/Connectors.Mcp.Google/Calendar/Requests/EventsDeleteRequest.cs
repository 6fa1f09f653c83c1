using Google.Apis.Services;
using Google.Apis.Util;

namespace Connectors.Mcp.Google.Calendar.Requests;

/// <summary><c>DELETE calendar/v3/calendars/{calendarId}/events/{eventId}</c>: 204 with an empty body.</summary>
internal sealed class EventsDeleteRequest(IClientService service, string calendarId, string eventId) : CalendarRequest<string>(service)
{
    [RequestParameter("calendarId", RequestParameterType.Path)]
    public string CalendarId { get; } = calendarId;

    [RequestParameter("eventId", RequestParameterType.Path)]
    public string EventId { get; } = eventId;

    [RequestParameter("sendUpdates", RequestParameterType.Query)]
    public string? SendUpdates { get; set; }

    public override string MethodName => "delete";

    public override string RestPath => ApiPath + "calendars/{calendarId}/events/{eventId}";

    public override string HttpMethod => "DELETE";

    protected override void InitParameters()
    {
        base.InitParameters();
        Declare("calendarId", "path", required: true);
        Declare("eventId", "path", required: true);
        Declare("sendUpdates", "query");
    }
}
