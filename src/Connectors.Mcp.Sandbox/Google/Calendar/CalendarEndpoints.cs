using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Sandbox.Google.Gmail;
using Connectors.Mcp.Sandbox.Google.OAuth;
using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Sandbox.Google.Calendar;

/// <summary>
/// <c>/calendar/v3/…</c>: calendarList.list, events (list, get, insert, patch, delete) and freeBusy.query in Calendar's
/// wire format, behind a bearer-token check. Each request is counted; a queued fault answers instead.
/// </summary>
internal sealed class CalendarEndpoints(CalendarStore store, OAuthTokenRegistry tokens, RequestLedger ledger)
{
    public const string Prefix = "/calendar/v3/";
    private const int MaxCalendarPage = 250;
    private const int MaxFreeBusyItems = 50;

    public async Task HandleAsync(HttpContext context)
    {
        var segments = context.Request.Path.Value![Prefix.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        var route = Route(context.Request.Method, segments);
        if (route is null)
        {
            await GoogleJsonResponses.WriteErrorAsync(context, 404, "Not Found");
            return;
        }

        var (endpoint, calendarId, eventId) = route.Value;
        ledger.Record(endpoint);
        if (!Authorized(context, out var missing))
        {
            context.Response.Headers.WWWAuthenticate = missing
                ? "Bearer realm=\"https://accounts.google.com/\""
                : "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"";
            await GoogleJsonResponses.WriteErrorAsync(context, 401, reason: missing ? "required" : "authError");
            return;
        }

        if (ledger.TakeFault(endpoint) is { } fault)
        {
            if (fault.AfterActing)
            {
                await AfterActingFault.ActSilentlyAsync(context, () => AnswerAsync(context, endpoint, calendarId, eventId));
            }

            if (!AfterActingFault.TryDrop(context, fault))
            {
                await WriteFaultAsync(context, fault);
            }

            return;
        }

        await AnswerAsync(context, endpoint, calendarId, eventId);
    }

    private async Task AnswerAsync(HttpContext context, string endpoint, string? calendarId, string? eventId)
    {
        try
        {
            var query = context.Request.Query;
            switch (endpoint)
            {
                case FakeCalendarEndpoints.CalendarListList:
                    await GoogleJsonResponses.WriteAsync(context, store.CalendarList(Page(query, 100, MaxCalendarPage), Offset(query)));
                    break;
                case FakeCalendarEndpoints.EventsList:
                    await GoogleJsonResponses.WriteAsync(context, store.List(calendarId!, EventQuery(query)));
                    break;
                case FakeCalendarEndpoints.EventsGet:
                    await GoogleJsonResponses.WriteAsync(context, store.Get(calendarId!, eventId!, OptionalZone(query["timeZone"].ToString())));
                    break;
                case FakeCalendarEndpoints.EventsInsert:
                    await GoogleJsonResponses.WriteAsync(context, store.Insert(calendarId!, await ReadJsonAsync(context), SendUpdates(query), Conference(query)));
                    break;
                case FakeCalendarEndpoints.EventsPatch:
                    await GoogleJsonResponses.WriteAsync(context, store.Patch(calendarId!, eventId!, await ReadJsonAsync(context), SendUpdates(query), Conference(query)));
                    break;
                case FakeCalendarEndpoints.EventsDelete:
                    store.Delete(calendarId!, eventId!, SendUpdates(query));
                    context.Response.StatusCode = StatusCodes.Status204NoContent;
                    break;
                case FakeCalendarEndpoints.FreeBusyQuery:
                    await GoogleJsonResponses.WriteAsync(context, FreeBusy(await ReadJsonAsync(context)));
                    break;
            }
        }
        catch (GoogleApiFault error)
        {
            await GoogleJsonResponses.WriteErrorAsync(context, error.Code, error.GoogleMessage, error.Reason);
        }
    }

    private static (string Endpoint, string? CalendarId, string? EventId)? Route(string method, string[] s) => s switch
    {
        ["users", "me", "calendarList"] when HttpMethods.IsGet(method) => (FakeCalendarEndpoints.CalendarListList, null, null),
        ["calendars", var calendar, "events"] when HttpMethods.IsGet(method) => (FakeCalendarEndpoints.EventsList, calendar, null),
        ["calendars", var calendar, "events"] when HttpMethods.IsPost(method) => (FakeCalendarEndpoints.EventsInsert, calendar, null),
        ["calendars", var calendar, "events", var id] when HttpMethods.IsGet(method) => (FakeCalendarEndpoints.EventsGet, calendar, id),
        ["calendars", var calendar, "events", var id] when HttpMethods.IsPatch(method) => (FakeCalendarEndpoints.EventsPatch, calendar, id),
        ["calendars", var calendar, "events", var id] when HttpMethods.IsDelete(method) => (FakeCalendarEndpoints.EventsDelete, calendar, id),
        ["freeBusy"] when HttpMethods.IsPost(method) => (FakeCalendarEndpoints.FreeBusyQuery, null, null),
        _ => null,
    };

    private JsonObject FreeBusy(JsonObject body)
    {
        var min = CalendarTime.ParseInstant(CalendarTime.Text(body, "timeMin")) ?? throw new GoogleApiFault(400, "Missing timeMin parameter.", "required");
        var max = CalendarTime.ParseInstant(CalendarTime.Text(body, "timeMax")) ?? throw new GoogleApiFault(400, "Missing timeMax parameter.", "required");
        if (max <= min)
        {
            throw new GoogleApiFault(400, "The specified time range is empty.", "timeRangeEmpty");
        }

        var zone = OptionalZone(CalendarTime.Text(body, "timeZone")) ?? TimeZoneInfo.Utc;
        var ids = (body["items"] as JsonArray ?? []).OfType<JsonObject>().Select(i => CalendarTime.Text(i, "id")).OfType<string>().ToList();
        if (ids.Count > MaxFreeBusyItems)
        {
            throw new GoogleApiFault(400, "Too many calendars requested.", "tooManyCalendarsRequested");
        }

        return store.FreeBusy(min, max, zone, ids);
    }

    private static EventQuery EventQuery(IQueryCollection query)
    {
        var single = Bool(query, "singleEvents");
        var orderBy = query["orderBy"].ToString();
        if (orderBy == "startTime" && !single)
        {
            throw new GoogleApiFault(400, "The requested ordering is not available for the particular query.", "badRequest");
        }

        if (orderBy is not ("" or "startTime" or "updated"))
        {
            throw new GoogleApiFault(400, $"Invalid value for: {orderBy} is not a valid value", "invalidParameter");
        }

        return new EventQuery(
            Instant(query, "timeMin"),
            Instant(query, "timeMax"),
            query["q"].ToString() is { Length: > 0 } q ? q : null,
            Page(query, CalendarStore.DefaultPage, CalendarStore.MaxPage),
            Offset(query),
            single,
            orderBy == "startTime",
            OptionalZone(query["timeZone"].ToString()));
    }

    private static DateTimeOffset? Instant(IQueryCollection query, string name)
    {
        var value = query[name].ToString();
        return value.Length == 0
            ? null
            : CalendarTime.ParseInstant(value) ?? throw new GoogleApiFault(400, "Bad Request", "badRequest");
    }

    private static int Page(IQueryCollection query, int defaultSize, int max)
    {
        var value = query["maxResults"].ToString();
        if (value.Length == 0)
        {
            return defaultSize;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size >= 1
            ? Math.Min(size, max)
            : throw new GoogleApiFault(400, $"Invalid value for maxResults: {value}", "invalidParameter");
    }

    private static int Offset(IQueryCollection query)
    {
        var token = query["pageToken"].ToString();
        return token.Length == 0 ? 0 : CalendarPageToken.Parse(token) ?? throw new GoogleApiFault(400, "Invalid page token value.", "invalid");
    }

    private static bool Bool(IQueryCollection query, string name) =>
        string.Equals(query[name].ToString(), "true", StringComparison.OrdinalIgnoreCase);

    private static string? SendUpdates(IQueryCollection query)
    {
        var value = query["sendUpdates"].ToString();
        return value switch
        {
            "" => null,
            "all" or "externalOnly" or "none" => value,
            _ => throw new GoogleApiFault(400, $"Invalid value for sendUpdates: {value}", "invalidParameter"),
        };
    }

    private static bool Conference(IQueryCollection query) => query["conferenceDataVersion"].ToString() == "1";

    private static TimeZoneInfo? OptionalZone(string? id) =>
        string.IsNullOrEmpty(id) ? null : CalendarTime.Zone(id) ?? throw new GoogleApiFault(400, "Invalid time zone definition.", "invalid");

    private bool Authorized(HttpContext context, out bool missing)
    {
        var header = context.Request.Headers.Authorization.ToString();
        missing = !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        return !missing && tokens.IsValidAccessToken(header["Bearer ".Length..].Trim());
    }

    private static async Task<JsonObject> ReadJsonAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject
                ?? throw new GoogleApiFault(400, "Invalid JSON payload received. Expected an object.", "parseError");
        }
        catch (JsonException)
        {
            throw new GoogleApiFault(400, "Invalid JSON payload received.", "parseError");
        }
    }

    private static Task WriteFaultAsync(HttpContext context, FakeFault fault)
    {
        if (fault.RetryAfter is { } delay)
        {
            context.Response.Headers.RetryAfter = ((long)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        else if (fault.RetryAfterDate is { } date)
        {
            context.Response.Headers.RetryAfter = date.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);
        }

        return GoogleJsonResponses.WriteErrorAsync(context, fault.StatusCode, reason: fault.Reason);
    }
}
