using Connectors.Mcp.Google.Calendar.Models;
using Google.Apis.Services;
using Google.Apis.Util;

namespace Connectors.Mcp.Google.Calendar.Requests;

/// <summary><c>GET calendar/v3/users/me/calendarList</c>: the calendars on the user's list, one page.</summary>
internal sealed class CalendarListRequest(IClientService service) : CalendarRequest<CalendarListPage>(service)
{
    [RequestParameter("maxResults", RequestParameterType.Query)]
    public long? MaxResults { get; set; }

    [RequestParameter("pageToken", RequestParameterType.Query)]
    public string? PageToken { get; set; }

    public override string MethodName => "list";

    public override string RestPath => ApiPath + "users/me/calendarList";

    public override string HttpMethod => "GET";

    protected override void InitParameters()
    {
        base.InitParameters();
        Declare("maxResults", "query");
        Declare("pageToken", "query");
    }
}
