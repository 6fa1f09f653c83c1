using Connectors.Mcp.Google.Calendar.Models;
using Google.Apis.Services;
using Google.Apis.Util;
using Newtonsoft.Json.Linq;

namespace Connectors.Mcp.Google.Calendar.Requests;

/// <summary>
/// <c>POST calendar/v3/calendars/{calendarId}/events</c>. It may notify attendees (<c>sendUpdates</c>), so it is never
/// retried; the body carries a client-supplied <c>id</c>, so a repeat is refused by Google (409) instead of duplicated.
/// </summary>
internal sealed class EventsInsertRequest(IClientService service, string calendarId, JObject body) : CalendarRequest<CalendarEvent>(service)
{
    [RequestParameter("calendarId", RequestParameterType.Path)]
    public string CalendarId { get; } = calendarId;

    /// <summary><c>all</c>, <c>externalOnly</c> or <c>none</c>.</summary>
    [RequestParameter("sendUpdates", RequestParameterType.Query)]
    public string? SendUpdates { get; set; }

    /// <summary><c>1</c> to let Google act on <c>conferenceData.createRequest</c>; <c>0</c> (the default) ignores it.</summary>
    [RequestParameter("conferenceDataVersion", RequestParameterType.Query)]
    public int? ConferenceDataVersion { get; set; }

    public override string MethodName => "insert";

    public override string RestPath => ApiPath + "calendars/{calendarId}/events";

    public override string HttpMethod => "POST";

    protected override object GetBody() => body;

    protected override void InitParameters()
    {
        base.InitParameters();
        Declare("calendarId", "path", required: true);
        Declare("sendUpdates", "query");
        Declare("conferenceDataVersion", "query");
    }
}
