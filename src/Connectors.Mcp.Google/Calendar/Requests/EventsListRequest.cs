using Connectors.Mcp.Google.Calendar.Models;
using Google.Apis.Services;
using Google.Apis.Util;

namespace Connectors.Mcp.Google.Calendar.Requests;

/// <summary>
/// <c>GET calendar/v3/calendars/{calendarId}/events</c>. With <c>singleEvents=true</c> recurring events come back as
/// their instances, which <c>orderBy=startTime</c> requires.
/// </summary>
internal sealed class EventsListRequest(IClientService service, string calendarId) : CalendarRequest<EventListPage>(service)
{
    [RequestParameter("calendarId", RequestParameterType.Path)]
    public string CalendarId { get; } = calendarId;

    [RequestParameter("timeMin", RequestParameterType.Query)]
    public string? TimeMin { get; set; }

    [RequestParameter("timeMax", RequestParameterType.Query)]
    public string? TimeMax { get; set; }

    [RequestParameter("q", RequestParameterType.Query)]
    public string? Q { get; set; }

    [RequestParameter("maxResults", RequestParameterType.Query)]
    public long? MaxResults { get; set; }

    [RequestParameter("pageToken", RequestParameterType.Query)]
    public string? PageToken { get; set; }

    [RequestParameter("singleEvents", RequestParameterType.Query)]
    public bool? SingleEvents { get; set; }

    /// <summary><c>startTime</c> (needs <c>singleEvents=true</c>) or <c>updated</c>.</summary>
    [RequestParameter("orderBy", RequestParameterType.Query)]
    public string? OrderBy { get; set; }

    public override string MethodName => "list";

    public override string RestPath => ApiPath + "calendars/{calendarId}/events";

    public override string HttpMethod => "GET";

    protected override void InitParameters()
    {
        base.InitParameters();
        Declare("calendarId", "path", required: true);
        Declare("timeMin", "query");
        Declare("timeMax", "query");
        Declare("q", "query");
        Declare("maxResults", "query");
        Declare("pageToken", "query");
        Declare("singleEvents", "query");
        Declare("orderBy", "query");
    }
}
