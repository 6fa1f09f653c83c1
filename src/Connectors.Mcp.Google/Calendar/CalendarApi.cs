using Connectors.Mcp.Google.Calendar.Models;
using Connectors.Mcp.Google.Calendar.Requests;
using Connectors.Mcp.Google.Http;
using Newtonsoft.Json.Linq;

namespace Connectors.Mcp.Google.Calendar;

/// <summary>The Calendar v3 REST calls the actions use, each through <see cref="GoogleRequestExecutor"/> (typed errors).</summary>
internal sealed class CalendarApi(CalendarClientService service, GoogleRequestExecutor executor)
{
    private const int CalendarListPageSize = 250;

    public Task<CalendarListPage> ListCalendarsAsync(string? pageToken, CancellationToken ct) =>
        executor.ExecuteAsync(
            new CalendarListRequest(service) { MaxResults = CalendarListPageSize, PageToken = pageToken },
            "The calendar list page",
            ct);

    public Task<EventListPage> ListEventsAsync(string calendarId, string timeMin, string? timeMax, string? query, int maxResults, string? pageToken, CancellationToken ct) =>
        executor.ExecuteAsync(
            new EventsListRequest(service, calendarId)
            {
                TimeMin = timeMin,
                TimeMax = timeMax,
                Q = query,
                MaxResults = maxResults,
                PageToken = pageToken,
                SingleEvents = true,
                OrderBy = "startTime",
            },
            $"Calendar '{calendarId}'",
            ct);

    public Task<CalendarEvent> GetEventAsync(string calendarId, string eventId, CancellationToken ct) =>
        executor.ExecuteAsync(new EventsGetRequest(service, calendarId, eventId), $"Event '{eventId}' on calendar '{calendarId}'", ct);

    public Task<CalendarEvent> InsertEventAsync(string calendarId, JObject body, string sendUpdates, bool withConferenceData, CancellationToken ct) =>
        executor.ExecuteAsync(
            new EventsInsertRequest(service, calendarId, body)
            {
                SendUpdates = sendUpdates,
                ConferenceDataVersion = withConferenceData ? 1 : null,
            },
            $"Calendar '{calendarId}'",
            ct);

    public Task<CalendarEvent> PatchEventAsync(string calendarId, string eventId, JObject body, string sendUpdates, bool withConferenceData, CancellationToken ct) =>
        executor.ExecuteAsync(
            new EventsPatchRequest(service, calendarId, eventId, body)
            {
                SendUpdates = sendUpdates,
                ConferenceDataVersion = withConferenceData ? 1 : null,
            },
            $"Event '{eventId}' on calendar '{calendarId}'",
            ct);

    public Task<string> DeleteEventAsync(string calendarId, string eventId, string sendUpdates, CancellationToken ct) =>
        executor.ExecuteAsync(
            new EventsDeleteRequest(service, calendarId, eventId) { SendUpdates = sendUpdates },
            $"Event '{eventId}' on calendar '{calendarId}'",
            ct);

    public Task<FreeBusyResponse> QueryFreeBusyAsync(FreeBusyQuery query, CancellationToken ct) =>
        executor.ExecuteAsync(new FreeBusyQueryRequest(service, query), "The free/busy query", ct);
}
